// Passing an unchecked page to a function of the same translation unit
// that dereferences that parameter on every path is a use; passing it to
// one that checks first, or dereferences it only sometimes, is not.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/skbuff.h>

struct rx_ring {
	struct page *spare;
	unsigned int count;
};

static void ring_account(struct rx_ring *ring, struct page *page)
{
	ring->count += page->_refcount.counter;
}

static void ring_account_checked(struct rx_ring *ring, struct page *page)
{
	if (!page)
		return;
	ring->count += page->_refcount.counter;
}

static void ring_account_maybe(struct rx_ring *ring, struct page *page, int deep)
{
	if (deep)
		ring->count += page->_refcount.counter;
}

static void ring_account_warned(struct rx_ring *ring, struct page *page)
{
	WARN_ON(!page);
	ring->count += page->_refcount.counter;
}

static void ring_account_bug(struct rx_ring *ring, struct page *page)
{
	BUG_ON(!page);
	ring->count += page->_refcount.counter;
}

/* Two levels: a helper that passes the page to one that dereferences it. */
static void ring_take(struct rx_ring *ring, struct page *page)
{
	ring_account(ring, page);
	ring->spare = page;
}

/* flagged: the helper dereferences its parameter unconditionally */
static void i_direct(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_account(ring, page);
// CHECK: :[[@LINE-1]]:21: warning: 'page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'ring_account', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
// CHECK: :[[@LINE-43]]:17: note: 'ring_account' uses its argument here without a NULL check
}

/* silent: the helper checks first */
static void i_checked(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_account_checked(ring, page);
}

/* silent: the helper dereferences it on one path only */
static void i_maybe(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_account_maybe(ring, page, 1);
}

/* flagged: a standalone WARN_ON() in the helper does not stop the path */
static void i_warned(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_account_warned(ring, page);
// CHECK: :[[@LINE-1]]:28: warning: 'page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'ring_account_warned', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
// CHECK: :[[@LINE-51]]:17: note: 'ring_account_warned' uses its argument here without a NULL check
}

/* silent: BUG_ON() in the helper stops the NULL path */
static void i_bug(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_account_bug(ring, page);
}

/* flagged: through two helpers */
static void i_two_levels(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	ring_take(ring, page);
// CHECK: :[[@LINE-1]]:18: warning: 'page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'ring_take', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
// CHECK: :[[@LINE-89]]:17: note: 'ring_take' uses its argument here without a NULL check
}

/* silent: checked before the call */
static void i_checked_before(struct rx_ring *ring)
{
	struct page *page = dev_alloc_page();

	if (page)
		ring_account(ring, page);
}
