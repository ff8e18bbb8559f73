// Fix-its of gfp-page-free-mismatch: the single-page forms are rewritten
// where the right call is certain; the others get a message only.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' --fix %t.c -- %kflags > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=CHECK-FIXES < %t.c
// RUN: FileCheck %s --check-prefix=CHECK-MSG < %t.out
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-AGAIN --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

static void f_desc(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (page)
		free_page((unsigned long)page);
// CHECK-FIXES: __free_page(page);
}

static void f_addr(void)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);

	if (addr)
		__free_page((struct page *)addr);
// CHECK-FIXES: free_page(addr);
}

static void f_page_address(struct page *page)
{
	__free_page(page_address(page));
// CHECK-FIXES: free_page((unsigned long)page_address(page));
}

/* no fix: the order is the author's call */
static void f_order(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (page)
		__free_pages(page, 0);
// CHECK-FIXES: __free_pages(page, 0);
}

/* no fix: kfree() of a descriptor */
static void f_kfree(struct page *page)
{
	kfree(page);
// CHECK-FIXES: kfree(page);
}

// CHECK-MSG: clang-tidy applied 3 of 3 suggested fixes.
// CHECK-AGAIN: :46:3: warning: order-2 allocation
// CHECK-AGAIN: :53:2: warning: 'page' is a page descriptor, but kfree()
