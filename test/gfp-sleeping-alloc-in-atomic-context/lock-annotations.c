// A function defined in another file that returns with a spinning lock
// held says so with sparse's __acquires() (empty outside sparse, so read
// from the preprocessor) or Clang's acquire_capability attribute; one that
// drops it says __releases(). The code between the two calls is an atomic
// section even though neither name looks like a lock.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct ring {
	spinlock_t lock;
	struct mutex mtx;
	void *slot;
};

void ring_claim(struct ring *r) __acquires(&r->lock);
void ring_settle(struct ring *r) __releases(&r->lock);
void ring_claim_slow(struct ring *r) __acquires(&r->mtx);
void ring_enter_rcu(void) __acquires(RCU);
void ring_grab(struct ring *r) __attribute__((acquire_capability(&r->lock)));
void ring_drop(struct ring *r) __attribute__((release_capability(&r->lock)));

/* flagged: between the claim and the settle */
void ring_refill(struct ring *r)
{
	ring_claim(r);
	r->slot = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: ring_claim
	ring_settle(r);
}

/* silent: after the settle */
void ring_refill_after(struct ring *r)
{
	ring_claim(r);
	r->slot = NULL;
	ring_settle(r);
	r->slot = kmalloc(64, GFP_KERNEL);
}

/* flagged: Clang's spelling of the same statement */
void ring_refill_attr(struct ring *r)
{
	ring_grab(r);
	r->slot = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: ring_grab
	ring_drop(r);
}

/* silent: a mutex is no atomic section */
void ring_refill_slow(struct ring *r)
{
	ring_claim_slow(r);
	r->slot = kmalloc(64, GFP_KERNEL);
}

/* silent: an annotation about something that is no lock of this unit */
void ring_refill_rcu(struct ring *r)
{
	ring_enter_rcu();
	r->slot = kmalloc(64, GFP_KERNEL);
}
