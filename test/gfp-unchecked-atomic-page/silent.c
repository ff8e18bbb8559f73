// Correct handling of non-sleeping page allocations, in every shape the
// kernel checks them; each function says why it is silent.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/cleanup.h>

struct rx_buf {
	struct page *page;
	unsigned int offset;
};

struct rx_ring {
	struct rx_buf buf[16];
	struct page *spare;
	spinlock_t lock;
};

/* silent: the classic early return */
static int s_early_return(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page)
		return -ENOMEM;
	get_page(page);
	return 0;
}

/* silent: compared with NULL */
static int s_eq_null(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (page == NULL)
		return -ENOMEM;
	return page->flags;
}

/* silent: NULL on the left */
static int s_null_eq(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (NULL == page)
		return -ENOMEM;
	return page->flags;
}

/* silent: used inside the non-NULL branch */
static void s_inside_branch(void)
{
	struct page *page = alloc_page(GFP_NOWAIT);

	if (page)
		put_page(page);
}

/* silent: != NULL */
static void s_ne_null(void)
{
	struct page *page = alloc_page(GFP_NOWAIT);

	if (page != NULL)
		put_page(page);
}

/* silent: unlikely() */
static int s_unlikely(void)
{
	struct page *page = dev_alloc_page();

	if (unlikely(!page))
		return -ENOMEM;
	get_page(page);
	return 0;
}

/* silent: likely() */
static void s_likely(void)
{
	struct page *page = dev_alloc_page();

	if (likely(page))
		get_page(page);
}

/* silent: the assignment in the condition */
static int s_assign_in_cond(void)
{
	struct page *page;

	if ((page = alloc_page(GFP_ATOMIC)) == NULL)
		return -ENOMEM;
	return page->flags;
}

/* silent: the negated assignment in the condition */
static int s_not_assign(void)
{
	struct page *page;

	if (!(page = alloc_page(GFP_ATOMIC)))
		return -ENOMEM;
	return page->flags;
}

/* silent: && short-circuits */
static unsigned long s_and(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (page && page->flags)
		return page->flags;
	return 0;
}

/* silent: || short-circuits */
static int s_or(int cond)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page || cond)
		return -EBUSY;
	return page->flags;
}

/* silent: the conditional operator */
static unsigned long s_ternary(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	return page ? page->flags : 0;
}

/* silent: WARN_ON() as the condition */
static int s_warn_on(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (WARN_ON(!page))
		return -ENOMEM;
	lock_page(page);
	return 0;
}

/* silent: WARN_ON_ONCE() as the condition */
static int s_warn_on_once(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (WARN_ON_ONCE(page == NULL))
		return -ENOMEM;
	lock_page(page);
	return 0;
}

/* silent: BUG_ON() does not return */
static void s_bug_on(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	BUG_ON(!page);
	get_page(page);
}

/* silent: IS_ERR_OR_NULL() */
static int s_is_err_or_null(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (IS_ERR_OR_NULL(page))
		return -ENOMEM;
	get_page(page);
	return 0;
}

/* silent: goto to an error label */
static int s_goto(struct rx_ring *ring)
{
	struct page *page;
	int err = -ENOMEM;

	page = alloc_page(GFP_ATOMIC);
	if (!page)
		goto err_out;
	ring->spare = page;
	get_page(page);
	return 0;
err_out:
	return err;
}

/* silent: returning or storing the result is not a use */
static struct page *s_return(struct rx_ring *ring)
{
	ring->spare = alloc_page(GFP_ATOMIC);
	return alloc_page(GFP_ATOMIC);
}

/* silent: passed to a function that does not dereference it */
void rx_take_page(struct rx_ring *ring, struct page *page);

static void s_unknown_callee(struct rx_ring *ring)
{
	rx_take_page(ring, alloc_page(GFP_ATOMIC));
}

/* silent: a ring refill that breaks on failure */
static int s_refill(struct rx_ring *ring)
{
	int i;

	for (i = 0; i < 16; i++) {
		struct page *page = dev_alloc_page();

		if (!page)
			break;
		ring->buf[i].page = page;
		get_page(page);
	}
	return i;
}

/* silent: the ring slot checked in place */
static int s_ring_slot(struct rx_ring *ring, int i)
{
	ring->buf[i].page = dev_alloc_page();
	if (!ring->buf[i].page)
		return -ENOMEM;
	get_page(ring->buf[i].page);
	return 0;
}

/* silent: the index changed, so the slot is another one (a known gap the
 * other way round: a use through the new index is not followed) */
static void s_index_changed(struct rx_ring *ring, int i)
{
	ring->buf[i].page = dev_alloc_page();
	i++;
	get_page(ring->buf[i].page);
}

/* silent: a retry loop */
static struct page *s_retry(void)
{
	struct page *page;

	do {
		page = alloc_page(GFP_ATOMIC);
	} while (!page);
	get_page(page);
	return page;
}

/* silent: reassigned from a fallback */
static void s_fallback(struct rx_ring *ring)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page)
		page = ring->spare;
	get_page(page);
}

/* silent: the address allocator checked */
static void s_address(void)
{
	unsigned long addr = __get_free_page(GFP_ATOMIC);

	if (!addr)
		return;
	memset((void *)addr, 0, PAGE_SIZE);
	free_page(addr);
}

/* silent: a sleeping allocation is another check's business by default */
static void s_sleeping(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	get_page(page);
}

/* silent: flags chosen at run time, each of which may sleep */
static void s_runtime_flags(int nofs)
{
	struct page *page = alloc_page(nofs ? GFP_NOFS : GFP_KERNEL);

	get_page(page);
}

/* silent: a gfp_t parameter is unknown */
static void s_gfp_param(gfp_t gfp)
{
	struct page *page = alloc_page(gfp);

	get_page(page);
}

/* silent: the address of a field computes no access */
static void s_address_of_field(struct list_head **out)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	*out = &page->lru;
}

/* silent: checked through a copy */
static void s_copy_checked(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	struct page *p = page;

	if (!p)
		return;
	get_page(page);
}

/* silent: under a guard(), checked */
static void s_guard(struct rx_ring *ring)
{
	guard(spinlock)(&ring->lock);
	ring->spare = alloc_page(GFP_ATOMIC);
	if (!ring->spare)
		return;
	get_page(ring->spare);
}

/* silent: the labyrinth scenario done right */
#define labyrinth (void *)alloc_page(GFP_ATOMIC)

static int s_labyrinth_checked(void)
{
	void *buf = labyrinth;

	if (!buf)
		return -ENOMEM;
	return *(int *)buf;
}

/* silent: sizeof() does not evaluate */
static unsigned long s_sizeof(void)
{
	return sizeof(alloc_page(GFP_ATOMIC)->flags);
}

/* silent: a while loop that checks at the top */
static void s_while(struct rx_ring *ring)
{
	struct page *page;

	while ((page = dev_alloc_page()) != NULL) {
		get_page(page);
		ring->spare = page;
	}
}
