// Macros that hide the conversion or the allocation: the warning lands at
// the use in the function, names the user's macro, and the chain of the
// user's macros follows as notes; the kernel's own macros are not listed.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)
#define RX_BUF_GET() labyrinth
#define AS_BUF(p) ((void *)(p))
#define get_rx_page() alloc_page(GFP_NOWAIT)
#define RX_FLAGS (GFP_ATOMIC | __GFP_NOWARN)

/* flagged: two user macros deep */
static void *baz_nested(void)
{
	return RX_BUF_GET();
// CHECK: :[[@LINE-1]]:9: warning: macro 'RX_BUF_GET' converts the page descriptor from alloc_page(GFP_ATOMIC) to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE-10]]:22: note: expanded from macro 'RX_BUF_GET'
// CHECK: :[[@LINE-12]]:19: note: expanded from macro 'labyrinth'
// CHECK: :[[@LINE-13]]:27: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: the cast lives in a macro, the allocation is the argument */
static void *baz_arg(void)
{
	return AS_BUF(alloc_page(GFP_KERNEL));
// CHECK: :[[@LINE-1]]:9: warning: macro 'AS_BUF' converts the page descriptor from alloc_page(GFP_KERNEL) to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE-19]]:20: note: expanded from macro 'AS_BUF'
}

/* flagged: the allocation lives in a macro, the cast is written here */
static void *baz_alloc_macro(void)
{
	return (void *)get_rx_page();
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_page(GFP_NOWAIT) in macro 'get_rx_page' converted to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE-26]]:23: note: page allocated here by alloc_page(GFP_NOWAIT)
}

/* flagged: flags from a macro are named as the user wrote them */
static void *baz_flag_macro(void)
{
	return (void *)alloc_pages(RX_FLAGS, 1);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_pages(RX_FLAGS, 1) converted to 'void *': a 'struct page *' is not the page's memory; use __get_free_pages() to allocate an address [gfp-page-as-address]
}

/* flagged: each use of the macro is a finding of its own */
static void baz_twice(void **a, void **b)
{
	*a = labyrinth;
// CHECK: :[[@LINE-1]]:7: warning: macro 'labyrinth' converts the page descriptor from alloc_page(GFP_ATOMIC) to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE-44]]:19: note: expanded from macro 'labyrinth'
// CHECK: :[[@LINE-45]]:27: note: page allocated here by alloc_page(GFP_ATOMIC)
	*b = labyrinth;
// CHECK: :[[@LINE-1]]:7: warning: macro 'labyrinth'
// CHECK: :[[@LINE-48]]:19: note: expanded from macro 'labyrinth'
// CHECK: :[[@LINE-49]]:27: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: a statement-expression macro of the driver's own */
#define rx_page_va() ({						\
	struct page *__p = alloc_page(GFP_ATOMIC);		\
	(u8 *)__p;						\
})

static u8 *baz_stmt_expr(void)
{
	return rx_page_va();
// CHECK: :[[@LINE-1]]:9: warning: macro 'rx_page_va' converts page descriptor '__p' from alloc_page(GFP_ATOMIC) to 'u8 *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-7]]:2: note: expanded from macro 'rx_page_va'
// CHECK: :[[@LINE-9]]:21: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* FIXME: the value of a statement expression is not followed, so a
 * `void *` made inside one and used as memory outside stays silent. */
#define rx_void_va() ({						\
	struct page *__p = alloc_page(GFP_ATOMIC);		\
	(void *)__p;						\
})

static void baz_stmt_expr_gap(void)
{
	memset(rx_void_va(), 0, PAGE_SIZE);
}
