// Shapes met in real drivers: split_page() turns an order-N allocation into
// order-0 pages, each freed with __free_page() (silent); an address made by
// the __va() macro given to __free_pages() (flagged, named as written).
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/mm.h>

/* silent: split, then freed page by page */
void ok_split(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (!page)
		return;
	split_page(page, 2);
	__free_page(page);
	__free_page(page + 1);
}

/* flagged: not split, freed as order 0 */
void f_not_split(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (!page)
		return;
	__free_page(page);
// CHECK: :[[@LINE-1]]:2: warning: order-2 allocation from alloc_pages(GFP_KERNEL, 2) freed as order 0; free it with __free_pages() and order 2 [gfp-page-free-mismatch]
// CHECK: note: allocated here
}

/* flagged: an address from __va() to the struct page API */
void f_va(unsigned long start)
{
	__free_pages(__va(start), 1);
// CHECK: :[[@LINE-1]]:2: warning: '__va(start)' is an address, but __free_pages() takes a 'struct page *'; free it with free_pages() [gfp-page-free-mismatch]
}

/* flagged: the page's address, kept in a local, back to __free_page() (C
 * converts the void * without a cast) */
void f_address_local(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *va;

	if (!page)
		return;
	va = page_address(page);
	memset(va, 0, PAGE_SIZE);
	__free_page(va);
// CHECK: :[[@LINE-1]]:2: warning: 'va' is an address, but __free_page() takes a 'struct page *'; free it with free_page() [gfp-page-free-mismatch]
}

/* silent: the local is set twice, the second time to a descriptor's
 * cookie: not judged */
void ok_address_local_reset(void *cookie)
{
	struct page *page = alloc_page(GFP_KERNEL);
	void *va;

	if (!page)
		return;
	va = page_address(page);
	memset(va, 0, PAGE_SIZE);
	va = cookie;
	__free_page(va);
}

/* silent: get_order() of a constant is a constant: here order 0 */
void ok_get_order_page(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, get_order(PAGE_SIZE));

	if (!page)
		return;
	__free_page(page);
}

/* flagged: get_order(2 * PAGE_SIZE) is order 1 */
void f_get_order_two(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, get_order(2 * PAGE_SIZE));

	if (!page)
		return;
	__free_page(page);
// CHECK: :[[@LINE-1]]:2: warning: order-1 allocation from alloc_pages(GFP_KERNEL, get_order(2 * PAGE_SIZE)) freed as order 0; free it with __free_pages() and order 1 [gfp-page-free-mismatch]
// CHECK: note: allocated here
}

/* flagged: an order computed at run time, freed as a single page */
struct rx_ring {
	int large;
};

static unsigned int rx_pg_order(struct rx_ring *ring)
{
	return ring->large ? 1 : 0;
}

void f_runtime_order(struct rx_ring *ring)
{
	struct page *page = alloc_pages(GFP_KERNEL, rx_pg_order(ring));

	if (!page)
		return;
	__free_page(page);
// CHECK: :[[@LINE-1]]:2: warning: allocation from alloc_pages(GFP_KERNEL, rx_pg_order(ring)) has order 'rx_pg_order(ring)', computed at run time, but __free_page() frees order 0; free it with __free_pages() and that order [gfp-page-free-mismatch]
// CHECK: note: allocated here
}

/* silent: freed with the same run-time order, or with an order variable */
void ok_runtime_order(struct rx_ring *ring, unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL, rx_pg_order(ring));
	struct page *other = alloc_pages(GFP_KERNEL, order);

	if (page)
		__free_pages(page, rx_pg_order(ring));
	if (other && order == 0)
		__free_page(other);
}
