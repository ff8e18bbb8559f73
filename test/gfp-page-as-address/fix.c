// Fix-its: an allocation of a page descriptor spelled in place under an
// explicit cast becomes the address allocator of the same size; inside a
// macro definition the fix goes on the definition, once.
//
// RUN: %strip_checks %s > %t.61.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' --fix %t.61.c -- %kflags61 > %t.61.out 2>&1
// RUN: FileCheck %s --check-prefix=CHECK-FIXES < %t.61.c
// RUN: FileCheck %s --check-prefix=CHECK-MSG < %t.61.out
// RUN: %strip_checks %s > %t.612.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' --fix %t.612.c -- %kflags612 > %t.612.out 2>&1
// RUN: FileCheck %s --check-prefix=CHECK-FIXES < %t.612.c
// RUN: FileCheck %s --check-prefix=CHECK-MSG < %t.612.out
// The fixed file parses, and a second run finds only what had no fix.
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.612.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=CHECK-AGAIN --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)
// CHECK-FIXES: #define labyrinth (void *)__get_free_page(GFP_ATOMIC)

static void *qux_one(void)
{
	return (void *)alloc_page(GFP_KERNEL);
// CHECK-FIXES: return (void *)__get_free_page(GFP_KERNEL);
}

static u8 *qux_order(unsigned int order)
{
	return (u8 *)alloc_pages(GFP_ATOMIC | __GFP_NOWARN, order);
// CHECK-FIXES: return (u8 *)__get_free_pages(GFP_ATOMIC | __GFP_NOWARN, order);
}

static void qux_macro_twice(void **a, void **b)
{
	*a = labyrinth;
	*b = labyrinth;
// CHECK-FIXES: *a = labyrinth;
// CHECK-FIXES-NEXT: *b = labyrinth;
}

/* no fix: an implicit conversion from an integer would not compile */
static void *qux_implicit(void)
{
	void *buf = alloc_page(GFP_ATOMIC);
// CHECK-FIXES: void *buf = alloc_page(GFP_ATOMIC);
	*(char *)buf = 0; return buf;
}

/* no fix: no address allocator takes a node */
static void *qux_node(void)
{
	return (void *)alloc_pages_node(0, GFP_KERNEL, 1);
// CHECK-FIXES: return (void *)alloc_pages_node(0, GFP_KERNEL, 1);
}

// CHECK-MSG-DAG: :21:27: note: FIX-IT applied suggested code changes
// CHECK-MSG-DAG: :26:17: note: FIX-IT applied suggested code changes
// CHECK-MSG-DAG: :32:15: note: FIX-IT applied suggested code changes
// CHECK-MSG: clang-tidy applied 3 of 3 suggested fixes.

// CHECK-AGAIN: :47:14: warning: the page descriptor from alloc_page(GFP_ATOMIC)
// CHECK-AGAIN: :55:9: warning: the page descriptor from alloc_pages_node(0, GFP_KERNEL, 1)
