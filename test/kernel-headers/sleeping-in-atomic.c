// gfp-sleeping-alloc-in-atomic-context on Debian's real linux-headers 6.1 and
// 6.12, compiled as kbuild compiles an external module: the atomic sections
// are the kernel's macros (preempt_disable() over the preempt counter,
// local_irq_save(), spin_lock_irqsave() over _raw_spin_lock_irqsave()), and
// timer_setup() is a macro over init_timer_key().
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/timer.h>
#include <linux/hrtimer.h>
#include <linux/workqueue.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/cleanup.h>
#include <linux/pci.h>
#include <linux/version.h>
#include <crypto/skcipher.h>

struct foo {
	spinlock_t lock;
	rwlock_t rwlock;
	struct timer_list timer;
	struct hrtimer hrt;
	struct tasklet_struct tasklet;
	struct napi_struct napi;
	struct work_struct work;
	struct mutex mtx;
	struct page *page;
	void *buf;
};

/* flagged: preempt_disable() is a macro over the preempt counter */
static void a_preempt(struct foo *f)
{
	preempt_disable();
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: preempt_disable
	preempt_enable();
}

/* flagged: get_cpu() disables preemption too */
static void a_get_cpu(struct foo *f)
{
	int cpu = get_cpu();

	f->page = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL, 0);
// CHECK: :[[@LINE-1]]:12: warning: alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL, 0) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-4]]:12: note: atomic context begins here: get_cpu
	put_cpu();
}

/* flagged: local_irq_save() */
static void a_irqsave(struct foo *f)
{
	unsigned long flags;

	local_irq_save(flags);
	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: local_irq_save
	local_irq_restore(flags);
}

/* flagged: vmalloc() always may sleep, here with BHs off */
static void a_bh(struct foo *f)
{
	local_bh_disable();
	f->buf = vmalloc(4096);
// CHECK: :[[@LINE-1]]:11: warning: vmalloc(4096) always may sleep, but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: local_bh_disable
	local_bh_enable();
}

/* flagged: GFP_NOIO may sleep like GFP_KERNEL */
static void a_spin_irqsave(struct foo *f)
{
	unsigned long flags;

	spin_lock_irqsave(&f->lock, flags);
	f->buf = kzalloc(64, GFP_NOIO);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(64, GFP_NOIO) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: spin_lock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
}

/* flagged: rcu_read_lock() */
static void a_rcu(struct foo *f)
{
	rcu_read_lock();
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: rcu_read_lock
	rcu_read_unlock();
}

/* flagged: a cleanup.h guard holds to the end of the scope */
static void a_guard(struct foo *f)
{
	guard(spinlock_irqsave)(&f->lock);
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: guard(spinlock_irqsave)
}

/* flagged: write_lock() on an rwlock spins */
static void a_write_lock(struct foo *f)
{
	write_lock(&f->rwlock);
	f->page = alloc_page(GFP_NOFS);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_NOFS) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: write_lock
	write_unlock(&f->rwlock);
}

/* flagged: the success branch of a trylock */
static void a_trylock(struct foo *f)
{
	if (spin_trylock(&f->lock)) {
		f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:6: note: atomic context begins here: spin_trylock
		spin_unlock(&f->lock);
	}
}

/* flagged: a static helper whose callers are an IRQ handler registered with
 * devm_request_irq() and a timer callback */
static void foo_refill(struct foo *f)
{
	f->page = alloc_pages(GFP_NOFS, 1);
// CHECK: :[[@LINE-1]]:12: warning: alloc_pages(GFP_NOFS, 1) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_irq' runs in atomic context: IRQ handler registered with devm_request_irq here
// CHECK: note: 'foo_refill' is called in atomic context here
// CHECK: note: 'foo_refill' is called in atomic context here
}

static irqreturn_t foo_irq(int irq, void *data)
{
	foo_refill(data);
	return IRQ_HANDLED;
}

/* flagged: GFP_NOIO in a timer callback (timer_setup() is a macro) */
static void foo_timer(struct timer_list *t)
{
	struct foo *f = from_timer(f, t, timer);

	foo_refill(f);
	f->buf = kmalloc(8, GFP_NOIO);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(8, GFP_NOIO) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_timer' runs in atomic context: timer callback registered with timer_setup here
}

/* flagged: a tasklet */
static void foo_tasklet(struct tasklet_struct *t)
{
	struct foo *f = from_tasklet(f, t, tasklet);

	f->buf = kmalloc(16, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(16, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_tasklet' runs in atomic context: tasklet registered with tasklet_setup here
}

/* flagged: an hrtimer callback, set by assignment */
static enum hrtimer_restart foo_hrt(struct hrtimer *t)
{
	struct foo *f = container_of(t, struct foo, hrt);

	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_hrt' runs in atomic context: {{.*}}'function' of 'struct hrtimer'
	return HRTIMER_NORESTART;
}

/* flagged: ndo_set_rx_mode runs under netif_addr_lock_bh() (netdevices.rst) */
static void foo_set_rx_mode(struct net_device *ndev)
{
	struct foo *f = netdev_priv(ndev);

	f->buf = kcalloc(16, ETH_ALEN, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kcalloc(16, ETH_ALEN, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_set_rx_mode' runs in atomic context: registered as 'ndo_set_rx_mode' of 'struct net_device_ops' here
}

/* flagged: ndo_tx_timeout runs under netif_tx_lock, BHs off */
static void foo_tx_timeout(struct net_device *ndev, unsigned int txqueue)
{
	struct foo *f = netdev_priv(ndev);

	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'foo_tx_timeout' runs in atomic context: registered as 'ndo_tx_timeout' of 'struct net_device_ops' here
}

static const struct net_device_ops foo_netdev_ops = {
	.ndo_set_rx_mode = foo_set_rx_mode,
	.ndo_tx_timeout = foo_tx_timeout,
};

/* flagged: the kernel's own assertion that a spinlock is held */
void foo_locked_refill(struct foo *f)
{
	lockdep_assert_held(&f->lock);
	f->buf = kmalloc(32, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: 'foo_locked_refill' runs in atomic context: it asserts that a spinning lock is held (lockdep_assert_held) here
}

/* flagged: interrupts asserted off */
void foo_irqs_off(struct foo *f)
{
	lockdep_assert_irqs_disabled();
	f->page = alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: alloc_page(GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: 'foo_irqs_off' runs in atomic context: it asserts so (lockdep_assert_irqs_disabled) here
}

/* silent: a mutex asserted held is no atomic context */
void ok_mutex_held(struct foo *f)
{
	lockdep_assert_held(&f->mtx);
	f->buf = kmalloc(32, GFP_KERNEL);
}

/* silent: GFP_ATOMIC under the lock, GFP_KERNEL after it */
static void ok_after_unlock(struct foo *f)
{
	void *tmp;

	spin_lock_bh(&f->lock);
	tmp = kmalloc(64, GFP_ATOMIC);
	spin_unlock_bh(&f->lock);
	kfree(tmp);
	preempt_disable();
	preempt_enable();
	f->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: the failure branch of a trylock */
static void ok_trylock_failed(struct foo *f)
{
	if (!spin_trylock(&f->lock)) {
		f->buf = kmalloc(64, GFP_KERNEL);
		return;
	}
	spin_unlock(&f->lock);
}

/* flagged: spin_trylock_irqsave() is a statement expression whose two
 * outcomes are joined before the caller's test */
static int bad_trylock_irqsave(struct foo *f)
{
	unsigned long flags;

	if (!spin_trylock_irqsave(&f->lock, flags))
		return -EBUSY;
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep
// CHECK: :[[@LINE-4]]:7: note: atomic context begins here: spin_trylock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
	return 0;
}

/* flagged: the same under unlikely(), the kernel's __builtin_expect(!!(x)) */
static int bad_trylock_irqsave_unlikely(struct foo *f)
{
	unsigned long flags;

	if (unlikely(!spin_trylock_irqsave(&f->lock, flags)))
		return -EBUSY;
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep
// CHECK: :[[@LINE-4]]:16: note: atomic context begins here: spin_trylock_irqsave
	spin_unlock_irqrestore(&f->lock, flags);
	return 0;
}

/* silent: the failure edge of spin_trylock_irqsave() */
static int ok_trylock_irqsave_failed(struct foo *f)
{
	unsigned long flags;

	if (likely(spin_trylock_irqsave(&f->lock, flags))) {
		spin_unlock_irqrestore(&f->lock, flags);
		return 0;
	}
	f->buf = kmalloc(64, GFP_KERNEL);
	return -EBUSY;
}

/* silent: a mutex sleeps; it is no atomic section */
static void ok_mutex(struct foo *f)
{
	mutex_lock(&f->mtx);
	f->buf = kmalloc(64, GFP_KERNEL);
	mutex_unlock(&f->mtx);
}

/* silent: the thread of a threaded IRQ may sleep */
static irqreturn_t foo_thread(int irq, void *data)
{
	struct foo *f = data;

	f->buf = kmalloc(64, GFP_KERNEL);
	return IRQ_HANDLED;
}

/* silent: a work handler may sleep */
static void foo_work(struct work_struct *w)
{
	struct foo *f = container_of(w, struct foo, work);

	f->page = alloc_page(GFP_KERNEL);
}

/* flagged: the completion of an asynchronous crypto request runs with BHs
 * off (cryptd) or in a driver's interrupt handler; 6.3 changed its type */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
static void foo_crypt_done(void *data, int err)
{
	struct foo *f = data;
#else
static void foo_crypt_done(struct crypto_async_request *req, int err)
{
	struct foo *f = req->data;
#endif

	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :{{[0-9]+}}:2: note: 'foo_crypt_done' runs in atomic context: crypto completion callback set with skcipher_request_set_callback here
}

static int foo_crypt(struct foo *f, struct skcipher_request *req)
{
	skcipher_request_set_callback(req, CRYPTO_TFM_REQ_MAY_BACKLOG,
				      foo_crypt_done, f);
	return crypto_skcipher_encrypt(req);
}

/* flagged: a function of another file that returns with the lock held
 * says so with sparse's __acquires(), empty outside sparse */
void foo_claim(struct foo *f) __acquires(&f->lock);
void foo_settle(struct foo *f) __releases(&f->lock);

static void a_claimed(struct foo *f)
{
	foo_claim(f);
	f->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: foo_claim
	foo_settle(f);
	/* silent: after the lock is dropped */
	kfree(kmalloc(32, GFP_KERNEL));
}

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct foo *f;

	f = devm_kzalloc(&pdev->dev, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	spin_lock_init(&f->lock);
	rwlock_init(&f->rwlock);
	mutex_init(&f->mtx);
	timer_setup(&f->timer, foo_timer, 0);
	tasklet_setup(&f->tasklet, foo_tasklet);
	hrtimer_init(&f->hrt, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	f->hrt.function = foo_hrt;
	INIT_WORK(&f->work, foo_work);
	a_preempt(f);
	a_get_cpu(f);
	a_irqsave(f);
	a_bh(f);
	a_spin_irqsave(f);
	a_rcu(f);
	a_guard(f);
	a_write_lock(f);
	a_trylock(f);
	ok_after_unlock(f);
	ok_trylock_failed(f);
	bad_trylock_irqsave(f);
	bad_trylock_irqsave_unlikely(f);
	ok_trylock_irqsave_failed(f);
	ok_mutex(f);
	a_claimed(f);
	(void)foo_crypt;
	(void)foo_netdev_ops;
	if (devm_request_threaded_irq(&pdev->dev, pdev->irq, NULL, foo_thread,
				      IRQF_ONESHOT, "foo", f))
		return -EBUSY;
	return devm_request_irq(&pdev->dev, pdev->irq, foo_irq, 0, "foo", f);
}

static struct pci_driver foo_driver = {
	.name = "foo",
	.probe = foo_probe,
};
module_pci_driver(foo_driver);
MODULE_LICENSE("GPL");
