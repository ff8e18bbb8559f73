// The options of gfp-unchecked-atomic-page.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-unchecked-atomic-page' \
// RUN:   --config="{CheckOptions: {gfp-unchecked-atomic-page.DerefFunctions: 'rx_post_page'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=DEREF --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-unchecked-atomic-page' \
// RUN:   --config="{CheckOptions: {gfp-unchecked-atomic-page.AllAllocations: true}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=ALL --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-unchecked-atomic-page' \
// RUN:   --config="{CheckOptions: {Allocators: 'rx_pool_get:page:1:-1'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=ALLOC --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-unchecked-atomic-page' \
// RUN:   --config="{CheckOptions: {gfp-unchecked-atomic-page.AllAllocations: true}}" \
// RUN:   --dump-config | FileCheck %s --check-prefix=DUMP

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

struct rx_pool;
void rx_post_page(struct page *page);
struct page *rx_pool_get(struct rx_pool *pool, gfp_t gfp);

/* DerefFunctions: a function of another unit known to dereference */
static void o_deref(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	rx_post_page(page);
// DEREF: :[[@LINE-1]]:15: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'rx_post_page', which dereferences it, without a NULL check
}

/* AllAllocations: a sleeping allocation fails too, if rarely */
static void o_all(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	get_page(page);
// ALL: :[[@LINE-1]]:11: warning: 'page' from alloc_page(GFP_KERNEL) is passed to 'get_page', which dereferences it, without a NULL check; page allocations can fail
}

/* Allocators: an allocator defined in another unit */
static void o_alloc(struct rx_pool *pool)
{
	struct page *page = rx_pool_get(pool, GFP_ATOMIC);

	get_page(page);
// ALLOC: :[[@LINE-1]]:11: warning: 'page' from rx_pool_get(pool, GFP_ATOMIC) is passed to 'get_page'
}

/* Always reported, whatever the options. */
static void o_always(void)
{
	struct page *page = alloc_page(GFP_NOWAIT);

	put_page(page);
// DEFAULT: :[[@LINE-1]]:11: warning: 'page' from alloc_page(GFP_NOWAIT)
// DEREF: :[[@LINE-2]]:11: warning: 'page' from alloc_page(GFP_NOWAIT)
// ALL: :[[@LINE-3]]:11: warning: 'page' from alloc_page(GFP_NOWAIT)
// ALLOC: :[[@LINE-4]]:11: warning: 'page' from alloc_page(GFP_NOWAIT)
}

// DUMP: gfp-unchecked-atomic-page.AllAllocations: 'true'
// DUMP: gfp-unchecked-atomic-page.DerefFunctions: ''
