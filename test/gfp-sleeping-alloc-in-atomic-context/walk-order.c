// What a note shows does not depend on the order the flow is walked in:
// where two paths reach an allocation, each with a lock held, the note
// names the section begun first in the source. Here the goto's target is
// walked first, whichever post-order is taken of the branch.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct two {
	spinlock_t a;
	spinlock_t b;
	void *buf;
};

/* flagged: either lock is held at the kmalloc(); the note names a's */
void either_lock(struct two *t, int x)
{
	if (x)
		goto second;
	spin_lock(&t->a);
	goto alloc;
second:
	spin_lock(&t->b);
alloc:
	t->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-7]]:2: note: atomic context begins here: spin_lock
	if (x)
		spin_unlock(&t->b);
	else
		spin_unlock(&t->a);
}
