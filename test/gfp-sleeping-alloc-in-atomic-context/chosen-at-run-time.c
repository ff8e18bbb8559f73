// Code that asks at run time how it runs before it sleeps: a sleeping
// allocation reached only when gfpflags_allow_blocking() or !in_interrupt()
// says so is no bug in a function that timers also call, and a sleep the
// caller's flag chooses (`might_sleep_if(gfpflags_allow_blocking(gfp))`, `if
// (atomic) udelay(); else usleep_range();`) is no proof that the function
// may sleep. A lock the function takes itself is not asked about, and a
// sleep on every path to the allocation still counts.
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
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

static struct mutex rt_mutex;

struct rt {
	struct timer_list timer;
	struct work_struct work;
	spinlock_t lock;
	void *buf;
	void *cmd;
};

/* silent: the vmalloc() fallback runs only when the flags may block */
static void *rt_buf_alloc(size_t n, gfp_t gfp)
{
	void *p = kmalloc(n, gfp | __GFP_NOWARN);

	if (!p && gfpflags_allow_blocking(gfp))
		p = vmalloc(n);
	return p;
}

/* flagged: the same fallback, not asked for */
static void *rt_buf_alloc_always(size_t n, gfp_t gfp)
{
	void *p = kmalloc(n, gfp | __GFP_NOWARN);

	if (!p)
		p = vmalloc(n);
// CHECK: :[[@LINE-1]]:7: warning: vmalloc(n) always may sleep
// CHECK: note: 'rt_timer' runs in atomic context: timer callback registered with timer_setup here
// CHECK: note: 'rt_buf_alloc_always' is called in atomic context here
	return p;
}

/* silent: in interrupt context it hands the work over and returns */
static int rt_prepare(struct rt *r)
{
	if (in_interrupt()) {
		schedule_work(&r->work);
		return 0;
	}
	r->cmd = kzalloc(64, GFP_KERNEL);
	return r->cmd ? 0 : -ENOMEM;
}

/* flagged: a spinlock the function takes is not what in_interrupt() asks */
static void rt_locked(struct rt *r)
{
	spin_lock(&r->lock);
	if (!in_interrupt())
		r->cmd = kzalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kzalloc(64, GFP_KERNEL) may sleep
// CHECK: note: atomic context begins here: spin_lock
	spin_unlock(&r->lock);
}

static void rt_timer(struct timer_list *t)
{
	struct rt *r = from_timer(r, t, timer);

	r->buf = rt_buf_alloc(256, GFP_ATOMIC);
	r->buf = rt_buf_alloc_always(256, GFP_ATOMIC);
	rt_prepare(r);
	rt_locked(r);
}

/* silent: the sleep check depends on the caller's flags */
void *rt_cmd_alloc(gfp_t gfp)
{
	might_sleep_if(gfpflags_allow_blocking(gfp));
	return kzalloc(32, GFP_ATOMIC);
}

/* silent: atomic callers pass atomic = true and never sleep here */
void *rt_poll_reply(struct rt *r, bool atomic)
{
	if (atomic)
		udelay(10);
	else
		usleep_range(10, 20);
	return kmalloc(16, GFP_ATOMIC);
}

/* flagged: whatever the flag, this path has slept before it allocates */
void *rt_slow_reply(struct rt *r, bool fast)
{
	if (fast)
		return NULL;
	msleep(1);
	return kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'rt_slow_reply' may sleep: it calls 'msleep' here with no lock held
}

/* silent: the reserves first, and a sleeping fallback when the caller
 * allows it: on purpose, whatever the caller */
static void *rt_buf_get(size_t n, bool can_sleep)
{
	void *p = kmalloc(n, GFP_ATOMIC | __GFP_NOWARN);

	if (!p && can_sleep)
		p = kmalloc(n, GFP_KERNEL);
	return p;
}

void *rt_setup(struct rt *r)
{
	mutex_lock(&rt_mutex);
	r->buf = rt_buf_get(64, true);
	mutex_unlock(&rt_mutex);
	return r->buf;
}

void rt_start(struct rt *r)
{
	timer_setup(&r->timer, rt_timer, 0);
}
