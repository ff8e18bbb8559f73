// A helper of the unit that frees its argument with a fixed API and order
// (`static void rx_put_page(struct page *p) { __free_page(p); }`) is a free
// at each call: the pages handed to it are judged as if freed there. A
// helper whose free depends on its own tests, or that frees something it
// computes, is not one.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#define RX_ORDER 2

struct rx_ring {
	struct page *spare;
	unsigned long scratch;
	int fails;
};

static void rx_release_page(struct page *page)
{
	__free_page(page);
}

static void rx_put_page(struct rx_ring *ring, struct page *page)
{
	if (page) {
		ring->fails++;
		__free_page(page);
	}
}

static void rx_free_order(struct page *page, unsigned int order)
{
	__free_pages(page, order);
}

static void rx_free_scratch(unsigned long addr)
{
	free_page(addr);
}

/* flagged: an order-2 block given to a helper that frees order 0 */
int rx_fill_big(struct rx_ring *ring, int bad)
{
	struct page *page = alloc_pages(GFP_KERNEL, RX_ORDER);

	if (!page)
		return -ENOMEM;
	if (bad) {
		rx_release_page(page);
// CHECK: :[[@LINE-1]]:3: warning: order-2 allocation from alloc_pages(GFP_KERNEL, RX_ORDER) freed as order 0; free it with __free_pages() and order 2 [gfp-page-free-mismatch]
// CHECK: :[[@LINE-31]]:2: note: 'rx_release_page' frees it with __free_page()
// CHECK: note: allocated here by alloc_pages(GFP_KERNEL, RX_ORDER)
		return -EINVAL;
	}
	ring->spare = page;
	return 0;
}

/* flagged: the helper's parameter is not the first */
void rx_drop_big(struct rx_ring *ring)
{
	struct page *page = alloc_pages(GFP_ATOMIC, 1);

	if (page)
		rx_put_page(ring, page);
// CHECK: :[[@LINE-1]]:3: warning: order-1 allocation from alloc_pages(GFP_ATOMIC, 1) freed as order 0; free it with __free_pages() and order 1
// CHECK: note: 'rx_put_page' frees it with __free_page()
// CHECK: note: allocated here
}

/* flagged: the order passed to the helper is not the allocation's */
void rx_drop_passed(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 3);

	if (page)
		rx_free_order(page, 1);
// CHECK: :[[@LINE-1]]:3: warning: order-3 allocation from alloc_pages(GFP_KERNEL, 3) freed as order 1; free it with __free_pages() and order 3
// CHECK: note: 'rx_free_order' frees it with __free_pages()
// CHECK: note: allocated here
}

/* flagged: a descriptor given to a helper that frees an address */
void rx_drop_descriptor(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (page)
		rx_free_scratch((unsigned long)page);
// CHECK: :[[@LINE-1]]:3: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but free_page() takes an address; free it with __free_page()
// CHECK: note: 'rx_free_scratch' frees it with free_page()
// CHECK: note: allocated here
}

/* silent: the same helpers, given what they free */
void ok_helpers(struct rx_ring *ring)
{
	struct page *one = alloc_page(GFP_KERNEL);
	struct page *big = alloc_pages(GFP_KERNEL, RX_ORDER);
	unsigned long addr = __get_free_page(GFP_KERNEL);

	if (one)
		rx_release_page(one);
	rx_put_page(ring, NULL);
	if (big)
		rx_free_order(big, RX_ORDER);
	if (addr)
		rx_free_scratch(addr);
}

/* not a helper: which free runs depends on the helper's own test */
static void rx_free_either(struct page *page, bool big)
{
	if (big)
		__free_pages(page, RX_ORDER);
	else
		__free_page(page);
}

/* not a helper: it frees another page than the one it is given */
static void rx_free_spare(struct rx_ring *ring, struct page *page)
{
	if (page != ring->spare)
		__free_page(ring->spare);
}

/* not a helper: the parameter is changed before the free */
static void rx_free_next(struct page *page)
{
	page++;
	__free_page(page);
}

/* not a helper: whether it frees depends on what else it is given */
static void rx_free_owned(struct page *page, bool owned)
{
	if (owned)
		__free_page(page);
}

/* not a helper: nor on what it reads */
static void rx_free_if_ring(struct rx_ring *ring, struct page *page)
{
	if (ring->fails)
		__free_page(page);
}

/* silent: none of these is a fixed free of what it is given */
void ok_not_helpers(struct rx_ring *ring)
{
	struct page *big = alloc_pages(GFP_KERNEL, RX_ORDER);

	if (!big)
		return;
	rx_free_either(big, true);
	rx_free_spare(ring, big);
	rx_free_next(big);
	rx_free_owned(big, false);
	rx_free_if_ring(ring, big);
}
