// Allocations that may sleep in atomic context, and the correct code next
// to them, on both header shapes. Each function says which it is.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/cleanup.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>

struct foo {
	spinlock_t lock;
	rwlock_t rwlock;
	struct timer_list timer;
	struct tasklet_struct tasklet;
	struct napi_struct napi;
	struct rcu_head rcu;
	struct work_struct work;
	void *buf;
	struct page *page;
	int n;
};

/* flagged: GFP_KERNEL under a spinlock */
static void a_spin_lock(struct foo *f)
{
	spin_lock(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: spin_lock
	spin_unlock(&f->lock);
}

/* flagged: under spin_lock_irqsave */
static void a_irqsave(struct foo *f)
{
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: spin_lock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
}

/* silent: after the unlock */
static void s_after_unlock(struct foo *f)
{
	spin_lock(&f->lock);
	f->buf = NULL;
	spin_unlock(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: GFP_ATOMIC under the lock */
static void s_atomic_under_lock(struct foo *f)
{
	spin_lock_bh(&f->lock);
	f->buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock_bh(&f->lock);
}

/* flagged: nested locks, inner released, outer still held */
static void a_nested(struct foo *f)
{
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	read_lock(&f->rwlock);
	read_unlock(&f->rwlock);
	f->buf = kzalloc(32, GFP_NOIO);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(32, GFP_NOIO) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-5]]:2: note: atomic context begins here: spin_lock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
}

/* flagged: a trylock holds the lock on its success branch */
static void a_trylock(struct foo *f)
{
	if (spin_trylock(&f->lock)) {
		f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:6: note: atomic context begins here: spin_trylock
		spin_unlock(&f->lock);
	}
}

/* silent: the failure branch of a trylock holds nothing */
static void s_trylock_failed(struct foo *f)
{
	if (!spin_trylock(&f->lock)) {
		f->buf = kmalloc(64, GFP_KERNEL);
		return;
	}
	spin_unlock(&f->lock);
}

/* flagged: spin_trylock_irqsave() holds the lock, irqs off, on success */
static int a_trylock_irqsave(struct foo *f)
{
	unsigned long flags;

	if (!spin_trylock_irqsave(&f->lock, flags))
		return -EBUSY;
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-4]]:7: note: atomic context begins here: spin_trylock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
	return 0;
}

/* flagged: the same under unlikely(), as kfence writes it */
static int a_trylock_irqsave_unlikely(struct foo *f)
{
	unsigned long flags;

	if (unlikely(!spin_trylock_irqsave(&f->lock, flags)))
		return -EBUSY;
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-4]]:16: note: atomic context begins here: spin_trylock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
	return 0;
}

/* flagged: spinning on the trylock until it succeeds, as dwc2 does */
static void a_trylock_irqsave_spin(struct foo *f)
{
	unsigned long flags;

	while (!spin_trylock_irqsave(&f->lock, flags))
		f->n++;
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-4]]:10: note: atomic context begins here: spin_trylock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
}

/* silent: its failure edge holds nothing, nor does the code after the
 * unlock */
static int s_trylock_irqsave_failed(struct foo *f)
{
	unsigned long flags;

	if (spin_trylock_irqsave(&f->lock, flags)) {
		f->n++;
		spin_unlock_irqrestore(&f->lock, flags);
	} else {
		f->buf = kmalloc(64, GFP_KERNEL);
		return -EBUSY;
	}
	f->buf = kmalloc(64, GFP_KERNEL);
	return 0;
}

/* flagged: a guard() holds the lock to the end of its scope */
static void a_guard(struct foo *f)
{
	guard(spinlock)(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: guard(spinlock)
}

/* silent: the guard's scope ended */
static void s_guard_scope(struct foo *f)
{
	{
		guard(spinlock)(&f->lock);
		f->buf = NULL;
	}
	f->buf = kmalloc(64, GFP_KERNEL);
}

/* flagged: an RCU read side */
static void a_rcu(struct foo *f)
{
	rcu_read_lock();
	f->buf = vmalloc(4096);
// CHECK: :[[@LINE-1]]:11: warning: vmalloc(4096) always may sleep, but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: rcu_read_lock
	rcu_read_unlock();
}

/* flagged: interrupts disabled */
static void a_irq_disabled(struct foo *f)
{
	local_irq_disable();
	f->page = alloc_pages(GFP_USER, 1);
// CHECK: :[[@LINE-1]]:12: warning: alloc_pages(GFP_USER, 1) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: local_irq_disable
	local_irq_enable();
}

/* flagged: preemption disabled */
static void a_preempt(struct foo *f)
{
	preempt_disable();
	f->buf = kmalloc(16, GFP_NOFS);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(16, GFP_NOFS) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: preempt_disable
	preempt_enable();
}

/* silent: held on one path only is not provably atomic */
static void s_one_path(struct foo *f, int locked)
{
	if (locked)
		spin_lock(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
	if (locked)
		spin_unlock(&f->lock);
}

/* flagged: an IRQ handler */
static irqreturn_t a_irq(int irq, void *data)
{
	struct foo *f = data;

	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+197]]:9: note: 'a_irq' runs in atomic context: IRQ handler registered with request_irq here
	return IRQ_HANDLED;
}

/* flagged: a timer callback */
static void a_timer(struct timer_list *t)
{
	struct foo *f = from_timer(f, t, timer);

	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+181]]:2: note: 'a_timer' runs in atomic context: timer callback registered with timer_setup here
}

/* flagged: a tasklet */
static void a_tasklet(struct tasklet_struct *t)
{
	void *p = kmalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(8, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+174]]:2: note: 'a_tasklet' runs in atomic context: tasklet registered with tasklet_setup here

	kfree(p);
}

/* flagged: a NAPI poll */
static int a_poll(struct napi_struct *napi, int budget)
{
	void *p = kzalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kzalloc(8, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+165]]:2: note: 'a_poll' runs in atomic context: NAPI poll registered with netif_napi_add here

	kfree(p);
	return 0;
}

/* flagged: an RCU callback */
static void a_rcu_cb(struct rcu_head *head)
{
	void *p = kmalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(8, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+155]]:2: note: 'a_rcu_cb' runs in atomic context: RCU callback registered with call_rcu here

	kfree(p);
}

/* flagged: ndo_start_xmit runs with BHs off */
static netdev_tx_t a_xmit(struct sk_buff *skb, struct net_device *dev)
{
	void *p = kmalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(8, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+137]]:20: note: 'a_xmit' runs in atomic context: registered as 'ndo_start_xmit' of 'struct net_device_ops' here

	kfree(p);
	return NETDEV_TX_OK;
}

/* flagged: a static helper called only under a lock */
static void *helper_locked(void)
{
	return kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+7]]:2: note: atomic context begins here: spin_lock
// CHECK: :[[@LINE+7]]:11: note: 'helper_locked' is called in atomic context here
// CHECK: :[[@LINE+13]]:11: note: 'helper_locked' is called in atomic context here
}

static void caller_a(struct foo *f)
{
	spin_lock(&f->lock);
	f->buf = helper_locked();
	spin_unlock(&f->lock);
}

static void caller_b(struct foo *f)
{
	spin_lock_irq(&f->lock);
	f->buf = helper_locked();
	spin_unlock_irq(&f->lock);
}

/* silent: a static helper with mixed callers */
static void *helper_mixed(void)
{
	return kmalloc(64, GFP_KERNEL);
}

static void mixed_a(struct foo *f)
{
	spin_lock(&f->lock);
	f->buf = helper_mixed();
	spin_unlock(&f->lock);
}

static void mixed_b(struct foo *f)
{
	f->buf = helper_mixed();
}

/* silent: a work handler may sleep */
static void s_work(struct work_struct *work)
{
	void *p = kmalloc(8, GFP_KERNEL);

	kfree(p);
}

/* silent: flags chosen at run time */
static void s_runtime(struct foo *f)
{
	spin_lock(&f->lock);
	f->buf = kmalloc(64, in_interrupt() ? GFP_ATOMIC : GFP_KERNEL);
	spin_unlock(&f->lock);
}

/* silent: a gfp_t parameter */
static void s_param(struct foo *f, gfp_t gfp)
{
	spin_lock(&f->lock);
	f->buf = kmalloc(64, gfp);
	spin_unlock(&f->lock);
}

/* silent: an exported function with no role is unknown */
void s_exported(struct foo *f)
{
	f->buf = kmalloc(64, GFP_KERNEL);
}

/* flagged: a lock wrapper of the driver's own, as netif_addr_lock_bh() */
static void foo_lock_bh(struct foo *f)
{
	spin_lock_bh(&f->lock);
}

static void foo_unlock_bh(struct foo *f)
{
	spin_unlock_bh(&f->lock);
}

static void a_wrapper(struct foo *f)
{
	foo_lock_bh(f);
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: foo_lock_bh
	foo_unlock_bh(f);
	f->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: a helper called under the lock that drops it to allocate, as
 * mm/hugetlb.c's allocate_file_region_entries() does */
static int refill_unlocked(struct foo *f)
{
	spin_unlock(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
	spin_lock(&f->lock);
	return f->buf ? 0 : -ENOMEM;
}

static int refill_caller(struct foo *f)
{
	int err;

	spin_lock(&f->lock);
	err = refill_unlocked(f);
	spin_unlock(&f->lock);
	return err;
}

/* flagged once, inside: a wrapper that fixes its flags, called in atomic
 * context (virtio_net's xdp_linearize_page() shape) */
static struct page *linearize(void)
{
	return alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:9: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE+6]]:2: note: atomic context begins here: rcu_read_lock
// CHECK: :[[@LINE+6]]:12: note: 'linearize' is called in atomic context here
}

static void a_wrapper_call(struct foo *f)
{
	rcu_read_lock();
	f->page = linearize();
	rcu_read_unlock();
}

static const struct net_device_ops foo_ops = {
	.ndo_start_xmit = a_xmit,
};

static int foo_register(struct foo *f, struct net_device *dev)
{
	timer_setup(&f->timer, a_timer, 0);
	tasklet_setup(&f->tasklet, a_tasklet);
	netif_napi_add(dev, &f->napi, a_poll);
	call_rcu(&f->rcu, a_rcu_cb);
	INIT_WORK(&f->work, s_work);
	return request_irq(1, a_irq, 0, "foo", f);
}

/* silent: the only caller, an interrupt handler, passes display = false,
 * and the helper allocates only to display (iwlegacy's dump_fh shape, in
 * one unit) */
static int g_dump_fh(struct foo *f, bool display)
{
	if (display)
		f->buf = kmalloc(4096, GFP_KERNEL);
	return 0;
}

static irqreturn_t g_irq(int irq, void *data)
{
	g_dump_fh(data, false);
	return IRQ_HANDLED;
}

/* flagged: the same shape with the flag set */
static int g_dump_csr(struct foo *f, bool verbose)
{
	if (verbose)
		f->buf = kmalloc(512, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(512, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'g_irq2' runs in atomic context: IRQ handler registered with request_irq here
// CHECK: note: 'g_dump_csr' is called in atomic context here
	return 0;
}

static irqreturn_t g_irq2(int irq, void *data)
{
	g_dump_csr(data, true);
	return IRQ_HANDLED;
}

int g_setup(struct foo *f)
{
	if (request_irq(1, g_irq, 0, "g", f))
		return -1;
	return request_irq(2, g_irq2, 0, "g2", f);
}
