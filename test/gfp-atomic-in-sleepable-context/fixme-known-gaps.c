// Known gaps, written down as tests: each FIXME case below is an overuse
// of GFP_ATOMIC the check does not report today (docs/checks/ lists them
// under "Known limitations"). When one is fixed, the implicit check that
// nothing else is reported fails, and the case moves to the tests of what
// the check reports.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/sched.h>

void *next_buffer(void);
void msleep(unsigned int msecs);

/* FIXME: the sleep sits behind a NULL test of p made after p was given
 * another value; every NULL test of the allocation's storage after it is
 * taken for its failure branch, so the sleep is not evidence. */
void *fixme_reassigned(void)
{
	void *p = kmalloc(16, GFP_ATOMIC);

	if (!p)
		return NULL;
	kfree(p);
	p = next_buffer();
	if (!p)
		msleep(10);
	return p;
}

/* The same sleep without the test: reported. */
void *mirror(void)
{
	void *p = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep

	if (!p)
		return NULL;
	kfree(p);
	p = next_buffer();
	msleep(10);
	return p;
}
