// Flags held in a local set once by its initialiser are that constant, as in
// the kernel's page_pool_dev_alloc_pages() (include/net/page_pool/
// helpers.h: `gfp_t gfp = (GFP_ATOMIC | __GFP_NOWARN);`). Flags chosen at
// run time among constants, one of which cannot sleep, make a page that may
// be NULL on that path; a choice among sleeping flags, or one that is not
// made of constants, is unknown and silent.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/interrupt.h>
#include <linux/string.h>

static inline struct page *pool_get_page(void)
{
	gfp_t gfp = (GFP_ATOMIC | __GFP_NOWARN);

	return alloc_pages(gfp, 0);
}

/* flagged: the wrapper's flags are a constant */
void use_pool_page(void)
{
	struct page *page = pool_get_page();

	get_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' from pool_get_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'get_page'
// CHECK: note: page allocated here
}

/* flagged: GFP_ATOMIC when the caller cannot sleep, and no check */
void use_chosen(int can_sleep)
{
	gfp_t gfp = GFP_ATOMIC;
	struct page *page;

	if (can_sleep)
		gfp = GFP_KERNEL;
	page = alloc_pages(gfp, 0);
	get_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' from alloc_pages(gfp, 0) is passed to 'get_page', which dereferences it, without a NULL check; the flags may be GFP_ATOMIC, and non-sleeping allocations fail under memory pressure
// CHECK: note: page allocated here
}

/* flagged: the choice in the initialiser, as in a softirq-or-process refill */
void use_ternary(struct page **slot)
{
	gfp_t gfp = in_softirq() ? GFP_ATOMIC : GFP_KERNEL;
	struct page *page = alloc_page(gfp);

	memset(page_address(page), 0, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(gfp) with in_softirq() ? GFP_ATOMIC : GFP_KERNEL is passed to 'page_address', {{.*}} the flags may be GFP_ATOMIC,
// CHECK: note: page allocated here
	*slot = page;
}

/* flagged: the choice written in the call */
void use_inline_choice(bool atomic)
{
	struct page *page = alloc_page(atomic ? GFP_NOWAIT : GFP_KERNEL);

	put_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' {{.*}} the flags may be GFP_NOWAIT,
// CHECK: note: page allocated here
}

/* silent: the same choice, checked */
int ok_chosen_checked(int can_sleep)
{
	gfp_t gfp = GFP_ATOMIC;
	struct page *page;

	if (can_sleep)
		gfp = GFP_KERNEL;
	page = alloc_pages(gfp, 0);
	if (!page)
		return -ENOMEM;
	get_page(page);
	return 0;
}

/* silent: every choice may sleep */
void ok_sleeping_choice(bool fs)
{
	gfp_t gfp = fs ? GFP_KERNEL : GFP_NOFS;
	struct page *page = alloc_page(gfp);

	get_page(page);
}

/* silent: one choice is not a constant (the caller's flags) */
void ok_partly_unknown(gfp_t caller_gfp, bool atomic)
{
	gfp_t gfp = caller_gfp;
	struct page *page;

	if (atomic)
		gfp = GFP_ATOMIC;
	page = alloc_page(gfp);
	get_page(page);
}

/* silent: the unknown choice comes second */
void ok_partly_unknown_second(gfp_t caller_gfp, bool atomic)
{
	struct page *page = alloc_page(atomic ? GFP_ATOMIC : caller_gfp);

	get_page(page);
}

/* flagged: a placeholder 0, then a choice */
void use_placeholder(bool atomic)
{
	gfp_t gfp = 0;
	struct page *page;

	if (atomic)
		gfp = GFP_ATOMIC;
	else
		gfp = GFP_KERNEL;
	page = alloc_page(gfp);
	get_page(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' {{.*}} the flags may be GFP_ATOMIC,
// CHECK: note: page allocated here
}

/* silent: GFP_ATOMIC is set after the allocation, for a later one */
void ok_set_after(struct page **second)
{
	gfp_t gfp = GFP_KERNEL;
	struct page *page = alloc_page(gfp);

	get_page(page);
	gfp = GFP_ATOMIC;
	*second = alloc_page(gfp);
}

/* silent: the flags are changed, not chosen */
void ok_changed(bool zero)
{
	gfp_t gfp = GFP_KERNEL;
	struct page *page;

	if (zero)
		gfp |= __GFP_ZERO;
	page = alloc_page(gfp);
	get_page(page);
}
