// Known gaps, written down as tests: each FIXME case below is a real bug
// the check does not report today (docs/checks/ lists them under "Known
// limitations"). When one is fixed, the implicit check that nothing else
// is reported fails, and the case moves to the tests of what the check
// reports.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct two_locks {
	spinlock_t a;
	spinlock_t b;
	void *buf;
	void (*cb)(struct two_locks *t);
};

/* FIXME: sections are counted per path, not per lock: unlocking b, which
 * this function never took, leaves the count at zero while a is held. */
void fixme_other_unlock(struct two_locks *t)
{
	spin_lock(&t->a);
	spin_unlock(&t->b);
	t->buf = kmalloc(64, GFP_KERNEL);
	spin_unlock(&t->a);
}

static void cb_alloc(struct two_locks *t)
{
	t->buf = kmalloc(128, GFP_KERNEL);
}

/* FIXME: a call through a function pointer held in a local variable
 * reaches no function: cb_alloc() runs under the lock unreported. */
void fixme_local_pointer(struct two_locks *t)
{
	void (*fn)(struct two_locks *) = cb_alloc;

	spin_lock(&t->a);
	fn(t);
	spin_unlock(&t->a);
}

/* The same allocation with only a held: reported, so the cases above are
 * silent for the reason they name, not because the shape is unreadable. */
void held(struct two_locks *t)
{
	spin_lock(&t->a);
	t->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
	spin_unlock(&t->a);
}
