// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/*
 * bar: a small example character device for gfp-tidy's demo. Lines marked
 * BUG are findings; lines marked OK are not.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static DEFINE_MUTEX(bar_mutex);
static DEFINE_SPINLOCK(bar_lock);
static struct page *bar_page;

static ssize_t bar_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	ssize_t ret = len;

	if (len > PAGE_SIZE)
		len = PAGE_SIZE;
	mutex_lock(&bar_mutex);
	/* BUG (gfp-page-as-address): copies the descriptor to user space. */
	if (copy_to_user(ubuf, bar_page, len))
		ret = -EFAULT;
	mutex_unlock(&bar_mutex);
	return ret;
}

static ssize_t bar_write(struct file *file, const char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	/* OK: an address allocator and its own free. */
	char *buf = (char *)__get_free_page(GFP_KERNEL);

	if (!buf)
		return -ENOMEM;
	if (len > PAGE_SIZE)
		len = PAGE_SIZE;
	if (copy_from_user(buf, ubuf, len)) {
		free_page((unsigned long)buf);
		return -EFAULT;
	}
	free_page((unsigned long)buf);
	return len;
}

static long bar_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct page *page;

	spin_lock(&bar_lock);
	/* OK: GFP_ATOMIC under a spinlock, and checked. */
	page = alloc_page(GFP_ATOMIC);
	spin_unlock(&bar_lock);
	if (!page)
		return -ENOMEM;

	/* BUG (gfp-page-free-mismatch): an order-0 page freed as order 1. */
	__free_pages(page, 1);
	return 0;
}

static int bar_open(struct inode *inode, struct file *file)
{
	/* OK: open may sleep. */
	bar_page = alloc_page(GFP_KERNEL);
	if (!bar_page)
		return -ENOMEM;
	/* BUG (gfp-page-as-address): the buffer is the descriptor. */
	file->private_data = (void *)alloc_pages(GFP_KERNEL, 0);
	return 0;
}

static int bar_release(struct inode *inode, struct file *file)
{
	__free_page(bar_page);
	return 0;
}

static const struct file_operations bar_fops = {
	.owner		= THIS_MODULE,
	.read		= bar_read,
	.write		= bar_write,
	.unlocked_ioctl	= bar_ioctl,
	.open		= bar_open,
	.release	= bar_release,
};

static int __init bar_init(void)
{
	return register_chrdev(0, "bar", &bar_fops);
}
module_init(bar_init);
MODULE_LICENSE("GPL");
