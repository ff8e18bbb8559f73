// A page linked into a driver's own pool through its lru field: list_add()
// writes into the descriptor it is given the address of, and no list
// function tests that address for NULL (&page->lru of a NULL page is not
// NULL).
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/list.h>

struct pool {
	struct list_head free;
	unsigned int nr;
};

/* flagged: the unchecked page is linked into the pool */
void l_grow(struct pool *p, unsigned int n)
{
	while (n--) {
		struct page *page = alloc_page(GFP_ATOMIC);

		list_add(&page->lru, &p->free);
// CHECK: :[[@LINE-1]]:13: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'list_add', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
		p->nr++;
	}
}

/* silent: checked before it is linked */
int l_grow_checked(struct pool *p, unsigned int n)
{
	while (n--) {
		struct page *page = alloc_page(GFP_ATOMIC);

		if (!page)
			return -ENOMEM;
		list_add_tail(&page->lru, &p->free);
		p->nr++;
	}
	return 0;
}
