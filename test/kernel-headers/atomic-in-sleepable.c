// gfp-atomic-in-sleepable-context on Debian's real linux-headers 6.1 and
// 6.12: GFP_ATOMIC where the code provably may sleep, and the atomic
// sections (the kernel's macros) where GFP_ATOMIC is right.
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// Nothing in the kernel's headers either (gfp-audit shows them all).
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' --header-filter='.*' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=HEADERS
// HEADERS-NOT: include/{{.*}}: warning:
// 6.12's kcalloc() is a macro over kmalloc_array(n, size, (flags) |
// __GFP_ZERO): the message and the fix-it take the flags the user wrote.
// RUN: cp %t.c %t.fix.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' --fix %t.fix.c -- %khdr612 > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=FIXED < %t.fix.c

#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/interrupt.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/platform_device.h>

struct bar {
	spinlock_t lock;
	struct mutex mtx;
	struct work_struct work;
	struct task_struct *task;
	struct page *page;
	void *buf;
};

static struct bar the_bar;

/* flagged: probe of a platform driver may sleep */
static int bar_probe(struct platform_device *pdev)
{
	the_bar.buf = kzalloc(128, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:16: warning: kzalloc(128, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: note: 'bar_probe' may sleep: registered as 'probe' of 'struct platform_driver' here
	if (!the_bar.buf)
		return -ENOMEM;
	/* silent: under the spinlock GFP_ATOMIC is right */
	spin_lock(&the_bar.lock);
	the_bar.page = alloc_page(GFP_ATOMIC);
	spin_unlock(&the_bar.lock);
	return 0;
}

/* flagged: a file's open may sleep */
static int bar_open(struct inode *inode, struct file *file)
{
	struct page *p = alloc_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:19: warning: alloc_page(GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'bar_open' may sleep: registered as 'open' of 'struct file_operations' here

	if (!p)
		return -ENOMEM;
	file->private_data = p;
	return 0;
}

/* flagged: ioctl, and the copy from user space sleeps anyway */
static long bar_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void *tmp = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:14: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'bar_ioctl' may sleep: registered as 'unlocked_ioctl' of 'struct file_operations' here
	long ret = 0;

	if (!tmp)
		return -ENOMEM;
	if (copy_from_user(tmp, (void __user *)arg, 64))
		ret = -EFAULT;
	kfree(tmp);
	return ret;
}

/* flagged: a work handler may sleep (INIT_WORK() assigns ->func) */
static void bar_work(struct work_struct *w)
{
	struct bar *b = container_of(w, struct bar, work);

	b->page = alloc_pages(GFP_ATOMIC, 1);
// CHECK: :[[@LINE-1]]:12: warning: alloc_pages(GFP_ATOMIC, 1) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'bar_work' may sleep: {{.*}}
}

/* flagged: evidence in the function itself: msleep() with nothing held */
void bar_reset(struct bar *b)
{
	msleep(10);
	b->buf = kmalloc(32, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'bar_reset' may sleep: it calls 'msleep' here with no lock held
}

/* flagged: a kthread may sleep; silent: its preempt_disable() region */
static int bar_thread(void *data)
{
	struct bar *b = data;

	b->buf = kmalloc(32, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'bar_thread' may sleep: {{.*}}
	preempt_disable();
	b->page = alloc_page(GFP_ATOMIC);
	preempt_enable();
	local_bh_disable();
	kfree(kmalloc(8, GFP_ATOMIC));
	local_bh_enable();
	return 0;
}

/* flagged: ethtool's configuration callbacks run under rtnl_lock() */
static int bar_set_ringparam(struct net_device *ndev,
			     struct ethtool_ringparam *ring,
			     struct kernel_ethtool_ringparam *kring,
			     struct netlink_ext_ack *extack)
{
	void *rings = kcalloc(ring->rx_pending, 16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:16: warning: kcalloc(ring->rx_pending, 16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'bar_set_ringparam' may sleep: registered as 'set_ringparam' of 'struct ethtool_ops' here
// FIXED: void *rings = kcalloc(ring->rx_pending, 16, GFP_KERNEL);

	kfree(rings);
	return 0;
}

/* silent: an ndo_open routine that the ndo_tx_timeout path (atomic) also
 * calls proves nothing (starfire's shape) */
static int bar_ndo_open(struct net_device *ndev)
{
	the_bar.buf = kmalloc(64, GFP_ATOMIC);
	return 0;
}

static void bar_tx_timeout(struct net_device *ndev, unsigned int txqueue)
{
	bar_ndo_open(ndev);
}

static const struct net_device_ops bar_netdev_ops = {
	.ndo_open = bar_ndo_open,
	.ndo_tx_timeout = bar_tx_timeout,
};

static const struct ethtool_ops bar_ethtool_ops = {
	.set_ringparam = bar_set_ringparam,
};

/* silent: dev_alloc_skb() fixes GFP_ATOMIC inside the kernel's header
 * (netdev_alloc_skb()); that line is not the driver's to change */
static struct sk_buff *foo_build_cmd(struct mutex *m)
{
	struct sk_buff *skb;

	mutex_lock(m);
	skb = dev_alloc_skb(64);
	mutex_unlock(m);
	return skb;
}

/* silent: GFP_NOWAIT does not touch the reserves */
static int bar_release(struct inode *inode, struct file *file)
{
	void *tmp = kmalloc(8, GFP_NOWAIT);

	kfree(tmp);
	__free_page(file->private_data);
	return 0;
}

/* silent: an IRQ handler is atomic */
static irqreturn_t bar_irq(int irq, void *data)
{
	struct bar *b = data;

	b->page = alloc_page(GFP_ATOMIC);
	return IRQ_HANDLED;
}

/* silent: a helper of unknown context (exported, called from elsewhere) */
void bar_helper(struct bar *b)
{
	b->buf = kmalloc(16, GFP_ATOMIC);
}

static const struct file_operations bar_fops = {
	.owner = THIS_MODULE,
	.open = bar_open,
	.release = bar_release,
	.unlocked_ioctl = bar_ioctl,
};

static struct platform_driver bar_driver = {
	.probe = bar_probe,
	.driver = { .name = "bar" },
};

/* silent: the reserves first on purpose, then a sleeping fallback
 * (habanalabs' hl_cs_copy_chunk_array()); on 6.12 the call sits in
 * alloc_hooks()'s own local, and the test of `*out` is still found */
static int bar_copy_chunks(void **out, const void __user *from, size_t n)
{
	*out = kmalloc_array(n, 16, GFP_ATOMIC);
	if (!*out)
		*out = kmalloc_array(n, 16, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	if (copy_from_user(*out, from, n * 16)) {
		kfree(*out);
		return -EFAULT;
	}
	return 0;
}

/* silent: a fail-fast attempt whose only sleep is on its failure branch
 * (reiserfs's get_mem_for_virtual_node()) */
static int bar_virtual(void **out, size_t size)
{
	void *buf = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);

	if (unlikely(!buf)) {
		msleep(1);
		return -EAGAIN;
	}
	*out = buf;
	return 0;
}

static int __init bar_init(void)
{
	int err;

	spin_lock_init(&the_bar.lock);
	mutex_init(&the_bar.mtx);
	INIT_WORK(&the_bar.work, bar_work);
	the_bar.task = kthread_run(bar_thread, &the_bar, "bar");
	err = request_irq(7, bar_irq, IRQF_SHARED, "bar", &the_bar);
	if (err)
		return err;
	(void)bar_fops;
	(void)bar_netdev_ops;
	(void)bar_ethtool_ops;
	(void)bar_copy_chunks;
	(void)bar_virtual;
	return platform_driver_register(&bar_driver);
}
module_init(bar_init);
MODULE_LICENSE("GPL");
