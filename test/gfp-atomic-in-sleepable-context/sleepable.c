// GFP_ATOMIC where the code provably may sleep, and the correct code next
// to it, on both header shapes. Each function says which it is.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/fs.h>
#include <linux/netdevice.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)

struct bar {
	spinlock_t lock;
	struct mutex mutex;
	struct work_struct work;
	void *buf;
	struct page *page;
};

static DEFINE_MUTEX(bar_mutex);

/* flagged: probe of a PCI driver may sleep */
static int b_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct bar *b = kzalloc(sizeof(*b), GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:18: warning: kzalloc(sizeof(*b), GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+230]]:11: note: 'b_probe' may sleep: registered as 'probe' of 'struct pci_driver' here

	if (!b)
		return -ENOMEM;
	pci_set_drvdata(pdev, b);
	return 0;
}

/* flagged: remove, with GFP_ATOMIC | __GFP_NOWARN */
static void b_remove(struct pci_dev *pdev)
{
	struct page *page = alloc_page(GFP_ATOMIC | __GFP_NOWARN);
// CHECK: :[[@LINE-1]]:22: warning: alloc_page(GFP_ATOMIC | __GFP_NOWARN) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+218]]:12: note: 'b_remove' may sleep: registered as 'remove' of 'struct pci_driver' here

	if (page)
		__free_page(page);
}

/* silent: under a spinlock in probe-called code GFP_ATOMIC is right */
static int b_locked_in_sleepable(struct bar *b)
{
	mutex_lock(&b->mutex);
	spin_lock(&b->lock);
	b->buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock(&b->lock);
	mutex_unlock(&b->mutex);
	return b->buf ? 0 : -ENOMEM;
}

/* flagged: the function sleeps itself (mutex_lock with nothing held) */
static int b_sleeps(struct bar *b)
{
	mutex_lock(&b->mutex);
	b->buf = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE-3]]:2: note: 'b_sleeps' may sleep: it calls 'mutex_lock' here with no lock held
	mutex_unlock(&b->mutex);
	return 0;
}

/* flagged: file_operations open */
static int b_open(struct inode *inode, struct file *file)
{
	file->private_data = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:23: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+189]]:10: note: 'b_open' may sleep: registered as 'open' of 'struct file_operations' here
	return file->private_data ? 0 : -ENOMEM;
}

/* flagged: a work handler */
static void b_work(struct work_struct *work)
{
	struct bar *b = container_of(work, struct bar, work);

	b->page = alloc_pages(GFP_ATOMIC, 1);
// CHECK: :[[@LINE-1]]:12: warning: alloc_pages(GFP_ATOMIC, 1) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+190]]:2: note: 'b_work' may sleep: work handler registered with INIT_WORK here
}

/* flagged: a kthread function */
static int b_thread(void *data)
{
	struct bar *b = data;

	b->buf = kmalloc(32, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+182]]:2: note: 'b_thread' may sleep: kthread function started with kthread_create here
	return 0;
}

/* flagged: the threaded half of a threaded IRQ */
static irqreturn_t b_irq_thread(int irq, void *data)
{
	struct bar *b = data;

	b->buf = kmalloc(32, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+174]]:9: note: 'b_irq_thread' may sleep: threaded IRQ handler registered with request_threaded_irq here
	return IRQ_HANDLED;
}

/* silent: the primary half of a threaded IRQ is atomic */
static irqreturn_t b_irq_primary(int irq, void *data)
{
	struct bar *b = data;

	b->buf = kmalloc(32, GFP_ATOMIC);
	return IRQ_WAKE_THREAD;
}

/* silent: the seed scenario, GFP_ATOMIC in an IRQ handler */
static irqreturn_t b_irq(int irq, void *data)
{
	struct bar *b = data;
	void *buf = labyrinth;

	if (!buf)
		return IRQ_NONE;
	b->buf = buf;
	return IRQ_HANDLED;
}

/* flagged: ndo_open may sleep */
static int b_ndo_open(struct net_device *dev)
{
	void *p = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+134]]:14: note: 'b_ndo_open' may sleep: registered as 'ndo_open' of 'struct net_device_ops' here

	kfree(p);
	return 0;
}

/* flagged: an __init function */
static int __init b_init(void)
{
	void *p = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE-4]]:19: note: 'b_init' may sleep: an '__init' function here

	kfree(p);
	return 0;
}
module_init(b_init);

/* flagged: a static helper called only from sleepable code */
static void *b_helper(void)
{
	return kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+105]]:10: note: 'b_read' may sleep: registered as 'read' of 'struct file_operations' here
// CHECK: :[[@LINE+7]]:12: note: 'b_helper' is called here, where the code may sleep
// CHECK: :[[@LINE+15]]:12: note: 'b_helper' is called here, where the code may sleep
}

static ssize_t b_read(struct file *file, char __user *ubuf, size_t len,
		      loff_t *ppos)
{
	void *p = b_helper();

	kfree(p);
	return 0;
}

static ssize_t b_write(struct file *file, const char __user *ubuf, size_t len,
		       loff_t *ppos)
{
	void *p = b_helper();

	kfree(p);
	return len;
}

/* silent: a helper with an atomic and a sleepable caller */
static void *b_mixed(void)
{
	return kmalloc(16, GFP_ATOMIC);
}

static long b_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	kfree(b_mixed());
	return 0;
}

static irqreturn_t b_irq2(int irq, void *data)
{
	kfree(b_mixed());
	return IRQ_HANDLED;
}

/* silent: flags chosen at run time */
static int b_runtime(struct bar *b)
{
	mutex_lock(&b->mutex);
	b->buf = kmalloc(64, in_interrupt() ? GFP_ATOMIC : GFP_KERNEL);
	mutex_unlock(&b->mutex);
	return 0;
}

/* silent: GFP_NOWAIT is a deliberate choice (see IncludeNowait) */
static int b_nowait(struct bar *b)
{
	mutex_lock(&b->mutex);
	b->buf = kmalloc(64, GFP_NOWAIT);
	mutex_unlock(&b->mutex);
	return 0;
}

/* silent: an exported function with no evidence */
void *b_exported(void)
{
	return kmalloc(16, GFP_ATOMIC);
}

/* silent: the sleep comes after a lock is taken and stays under it */
static void b_sleep_under_lock(struct bar *b)
{
	spin_lock(&b->lock);
	b->buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock(&b->lock);
}

/* silent: a lock wrapper, as netif_addr_lock_bh() in virtio_net's
 * virtnet_rx_mode_work(), makes GFP_ATOMIC right */
static void b_addr_lock(struct bar *b)
{
	spin_lock_bh(&b->lock);
}

static void b_addr_unlock(struct bar *b)
{
	spin_unlock_bh(&b->lock);
}

static void b_rx_mode_work(struct work_struct *work)
{
	struct bar *b = container_of(work, struct bar, work);

	b_addr_lock(b);
	b->buf = kzalloc(64, GFP_ATOMIC);
	b_addr_unlock(b);
}

static const struct pci_device_id b_ids[] = { { 1, 2 }, { 0, 0 } };

static struct pci_driver b_driver = {
	.name = "bar",
	.id_table = b_ids,
	.probe = b_probe,
	.remove = b_remove,
};

static const struct file_operations b_fops = {
	.open = b_open,
	.read = b_read,
	.write = b_write,
	.unlocked_ioctl = b_ioctl,
};

static const struct net_device_ops b_netdev_ops = {
	.ndo_open = b_ndo_open,
};

static int b_setup(struct bar *b)
{
	INIT_WORK(&b->work, b_work);
	INIT_WORK(&b->work, b_rx_mode_work);
	kthread_create(b_thread, b, "bar");
	request_irq(2, b_irq2, 0, "bar2", b);
	request_irq(3, b_irq, 0, "bar3", b);
	return request_threaded_irq(1, b_irq_primary, b_irq_thread, 0, "bar", b);
}

/* flagged: module_init() runs a function at init, __init or not */
static int b_early_setup(void)
{
	void *p = kmalloc(32, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(32, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE+5]]:1: note: 'b_early_setup' may sleep: init function registered with module_init here

	kfree(p);
	return 0;
}
module_init(b_early_setup);
