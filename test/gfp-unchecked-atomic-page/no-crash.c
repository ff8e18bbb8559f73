// Malformed and odd input: compiler errors are reported, the check is
// silent on a unit that does not compile, and nothing crashes (`not`
// fails on a crash). The second run has odd but valid code: pruned
// branches, self-loops, recursion through a dereferencing helper, and
// allocators without prototypes.
//
// RUN: %strip_checks %s > %t.c
// RUN: not %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags -DBROKEN 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BROKEN --implicit-check-not='warning:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#ifdef BROKEN
static void broken(void)
{
	struct page *page = alloc_page(;
	get_page(page);
}
// BROKEN: error:
#endif

/* pruned edges: `if (0)` and `while (1)` */
static void odd_pruned(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (0)
		return;
	while (1) {
		if (page)
			break;
	}
	get_page(page);
}

/* a recursive helper that dereferences on every path */
static void odd_recursive(struct page *page, int n)
{
	if (n)
		odd_recursive(page, n - 1);
	get_page(page);
}

static void odd_use_recursive(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	odd_recursive(page, 3);
// CHECK: :[[@LINE-1]]:16: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'odd_recursive', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE-10]]:2: note: 'odd_recursive' uses its argument here without a NULL check
}

/* an infinite loop with no exit */
static void odd_forever(void)
{
	struct page *page;

	for (;;) {
		page = alloc_page(GFP_ATOMIC);
		if (page)
			put_page(page);
	}
}

/* a switch whose only way through checks the page */
static int odd_switch(int mode)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	switch (mode) {
	case 0:
		if (!page)
			return -ENOMEM;
		break;
	default:
		return -EINVAL;
	}
	return page_ref_count(page);
}
