// Flags held in a local set once by its initialiser are that constant, as in
// the kernel's page_pool_dev_alloc_pages() (include/net/page_pool/
// helpers.h: `gfp_t gfp = (GFP_ATOMIC | __GFP_NOWARN);`); a local assigned
// again is a run-time choice, unknown and silent.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

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

/* silent: the flags are chosen at run time */
void ok_chosen(int can_sleep)
{
	gfp_t gfp = GFP_ATOMIC;
	struct page *page;

	if (can_sleep)
		gfp = GFP_KERNEL;
	page = alloc_pages(gfp, 0);
	get_page(page);
}
