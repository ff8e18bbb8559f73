// Malformed input: the compiler's errors are reported, the check stays
// silent on a unit that does not compile, and nothing crashes (`not`
// fails on a crash).
//
// RUN: %strip_checks %s > %t.c
// RUN: not %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
// RUN: not %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'

#include <linux/gfp.h>
#include <linux/mm.h>

static void *broken_call(void)
{
	return (void *)alloc_page();
}

static void *broken_member(struct page *p)
{
	return (void *)p->no_such_field;
}

static void *fine_but_unit_is_broken(void)
{
	return (void *)alloc_page(GFP_KERNEL);
}

static void *broken_syntax(void)
{
	return (void *)alloc_pages(GFP_KERNEL, ;
}

// CHECK: error:
// CHECK: Found compiler error
