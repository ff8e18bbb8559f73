// A helper of the unit that allocates with the flags its caller passes
// (`rx_refill(ring, gfp)` over `kmalloc(n, gfp)`): the flags are judged at
// the call, in the caller's context, by both context checks. A helper that
// asks where it runs, changes the flags, or (for GFP_ATOMIC) allocates
// under its own spinlock is not judged at its calls.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

struct ring {
	spinlock_t lock;
	struct timer_list refill_timer;
	struct work_struct refill_work;
	void *buf[16];
	unsigned int fill;
};

static int ring_refill(struct ring *r, gfp_t gfp)
{
	while (r->fill < 16) {
		void *b = kmalloc(2048, gfp | __GFP_NOWARN);

		if (!b)
			return -ENOMEM;
		r->buf[r->fill++] = b;
	}
	return 0;
}

/* a helper that fixes the flags, over the one that takes them */
static int ring_refill_atomic(struct ring *r)
{
	return ring_refill(r, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:9: warning: ring_refill(r, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'ring_timer' runs in atomic context: timer callback registered with timer_setup here
// CHECK: note: 'ring_refill_atomic' is called in atomic context here
}

static void ring_timer(struct timer_list *t)
{
	struct ring *r = from_timer(r, t, refill_timer);

	ring_refill_atomic(r);
	ring_refill(r, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:2: warning: ring_refill(r, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'ring_timer' runs in atomic context: timer callback registered with timer_setup here
	ring_refill(r, GFP_ATOMIC);
}

/* allocates under its own lock: GFP_ATOMIC from any caller is right */
static int ring_refill_locked(struct ring *r, gfp_t gfp)
{
	void *b;

	spin_lock(&r->lock);
	b = kmalloc(2048, gfp);
	if (b)
		r->buf[r->fill++] = b;
	spin_unlock(&r->lock);
	return b ? 0 : -ENOMEM;
}

/* asks where it runs before it allocates */
static int ring_refill_adaptive(struct ring *r, gfp_t gfp)
{
	if (!gfpflags_allow_blocking(gfp) && r->fill > 8)
		return 0;
	r->buf[r->fill] = kmalloc(2048, gfp);
	return r->buf[r->fill] ? 0 : -ENOMEM;
}

/* changes the flags it was given */
static int ring_refill_nowait(struct ring *r, gfp_t gfp)
{
	gfp &= ~__GFP_DIRECT_RECLAIM;
	r->buf[0] = kmalloc(2048, gfp);
	return r->buf[0] ? 0 : -ENOMEM;
}

/* a helper over a helper that allocates under its own lock */
static int ring_refill_outer(struct ring *r, gfp_t gfp)
{
	return ring_refill_locked(r, gfp);
}

static void ring_work(struct work_struct *w)
{
	struct ring *r = container_of(w, struct ring, refill_work);

	ring_refill(r, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:2: warning: ring_refill(r, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'ring_work' may sleep: work handler registered with INIT_WORK here
	ring_refill(r, GFP_KERNEL);
	ring_refill_locked(r, GFP_ATOMIC);
	ring_refill_outer(r, GFP_ATOMIC);
	ring_refill_adaptive(r, GFP_ATOMIC);
	ring_refill_nowait(r, GFP_ATOMIC);
}

static void ring_timer_others(struct timer_list *t)
{
	struct ring *r = from_timer(r, t, refill_timer);

	ring_refill_adaptive(r, GFP_KERNEL);
	ring_refill_nowait(r, GFP_KERNEL);
}

void ring_start(struct ring *r)
{
	timer_setup(&r->refill_timer, ring_timer, 0);
	timer_setup(&r->refill_timer, ring_timer_others, 0);
	INIT_WORK(&r->refill_work, ring_work);
}
