// Unchecked uses of non-sleeping page allocations that
// gfp-unchecked-atomic-page reports, on both header shapes.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/skbuff.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

struct rx_buf {
	struct page *page;
	unsigned int offset;
};

struct rx_ring {
	struct rx_buf buf[16];
	struct page *spare;
	unsigned long flags;
};

/* flagged: a member access on the result */
static unsigned long f_member(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	return page->flags;
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(GFP_ATOMIC) is dereferenced without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: passed to a function that dereferences it */
static void f_get_page(void)
{
	struct page *page = alloc_page(GFP_NOWAIT);

	get_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' from alloc_page(GFP_NOWAIT) is passed to 'get_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_page(GFP_NOWAIT)
}

/* flagged: a member path rooted in a parameter */
static void f_member_path(struct rx_ring *ring)
{
	ring->spare = dev_alloc_page();
	ring->spare->index = 0;
// CHECK: :[[@LINE-1]]:2: warning: 'ring->spare' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is dereferenced without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-3]]:16: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
}

/* flagged: page_address() of a higher-order atomic allocation */
static void *f_page_address(void)
{
	struct page *page = alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2);

	return page_address(page);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2) is passed to 'page_address', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2)
}

/* flagged: kmap_local_page() on a node allocation */
static void f_kmap(int nid)
{
	struct page *page = alloc_pages_node(nid, GFP_ATOMIC, 0);
	void *va = kmap_local_page(page);
// CHECK: :[[@LINE-1]]:29: warning: 'page' from alloc_pages_node(nid, GFP_ATOMIC, 0) is passed to 'kmap_local_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-3]]:22: note: page allocated here by alloc_pages_node(nid, GFP_ATOMIC, 0)

	kunmap_local(va);
}

/* flagged: only one branch checks */
static void f_one_branch(int cond)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (cond && !page)
		return;
	put_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'put_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-6]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: the check comes after the use */
static int f_late_check(struct sk_buff *skb)
{
	struct page *page = dev_alloc_page();

	skb_add_rx_frag(skb, 0, page, 0, 64, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:26: warning: 'page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'skb_add_rx_frag', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
	if (!page)
		return -ENOMEM;
	return 0;
}

/* flagged: a standalone WARN_ON() does not stop the path */
static void f_warn_only(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	WARN_ON(!page);
	lock_page(page);
// CHECK: :[[@LINE-1]]:12: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'lock_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-5]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: the address allocator's result used as memory */
static void f_address(void)
{
	unsigned long addr = __get_free_page(GFP_ATOMIC);
	char *buf = (char *)addr;

	buf[0] = 0;
// CHECK: :[[@LINE-1]]:2: warning: 'buf' from __get_free_page(GFP_ATOMIC) is dereferenced without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-5]]:23: note: page allocated here by __get_free_page(GFP_ATOMIC)
}

/* flagged: a discarded result leaks and hides the failure */
static void f_discarded(void)
{
	alloc_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:2: warning: the page from alloc_page(GFP_ATOMIC) is discarded: it leaks, and a failed allocation goes unnoticed [gfp-unchecked-atomic-page]
}

/* flagged: a copy of the pointer is used */
static void f_copy(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();
	struct page *p = page;

	sg_set_page(NULL, p, PAGE_SIZE, 0);
// CHECK: :[[@LINE-1]]:20: warning: 'p' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'sg_set_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-5]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
}

/* flagged: used on the path where it is known to be NULL */
static void f_null_path(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page)
		put_page(page);
// CHECK: :[[@LINE-1]]:12: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'put_page', which dereferences it, on a path where it is NULL [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-5]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: indexed ring slot, index unchanged */
static void f_ring_slot(struct rx_ring *ring, int i)
{
	ring->buf[i].page = dev_alloc_page();
	ring->buf[i].offset = 0;
	get_page(ring->buf[i].page);
// CHECK: :[[@LINE-1]]:11: warning: 'ring->buf[i].page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'get_page', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
}

/* flagged: through a driver's wrapper with a gfp parameter */
static struct page *rx_alloc(gfp_t gfp)
{
	return alloc_pages(gfp | __GFP_COMP, 0);
}

static void f_wrapper(void)
{
	struct page *page = rx_alloc(GFP_ATOMIC);

	set_page_dirty(page);
// CHECK: :[[@LINE-1]]:17: warning: 'page' from rx_alloc(GFP_ATOMIC) is passed to 'set_page_dirty', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by rx_alloc(GFP_ATOMIC)
}

/* flagged: conditional operator tests something else */
static unsigned long f_ternary(int cond)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	return cond ? page->flags : 0;
// CHECK: :[[@LINE-1]]:16: warning: 'page' from alloc_page(GFP_ATOMIC) is dereferenced without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: memset of the mapped page without a check of the page */
static void f_memset_address(void)
{
	void *va = (void *)__get_free_pages(GFP_ATOMIC, 1);

	memset(va, 0, 2 * PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: 'va' from __get_free_pages(GFP_ATOMIC, 1) is passed to 'memset', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:21: note: page allocated here by __get_free_pages(GFP_ATOMIC, 1)
}
