// Allocators, sleeps and roles beyond the page API: kvmalloc_array() and
// devm_kzalloc() take flags like kmalloc(); rtnl_lock() is a mutex; an URB's
// completion handler runs in interrupt context, whether usb_fill_bulk_urb()
// or an assignment to urb->complete set it.
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
#include <linux/rtnetlink.h>
#include <linux/usb.h>

struct dev_ctx {
	spinlock_t lock;
	u32 *table;
	struct urb *urb;
	struct urb *status_urb;
	void *buf;
};

/* flagged: kvmalloc_array() may sleep, and a spinlock is held */
void m_resize(struct dev_ctx *d, size_t n)
{
	spin_lock(&d->lock);
	d->table = kvmalloc_array(n, sizeof(u32), GFP_KERNEL);
// CHECK: :[[@LINE-1]]:13: warning: {{.*}}kvmalloc_array{{.*}}GFP_KERNEL{{.*}} may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: atomic context begins here: spin_lock
	spin_unlock(&d->lock);
}

/* silent: the same allocation before the lock is taken */
void m_resize_first(struct dev_ctx *d, size_t n)
{
	u32 *t = kvmalloc_array(n, sizeof(u32), GFP_KERNEL);

	spin_lock(&d->lock);
	d->table = t;
	spin_unlock(&d->lock);
}

/* flagged: RTNL is a mutex; this code may sleep and need not use the
 * reserves */
void m_reconfig(struct dev_ctx *d)
{
	rtnl_lock();
	d->buf = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'm_reconfig' may sleep: it calls 'rtnl_lock' here with no lock held
	rtnl_unlock();
}

/* flagged: a bulk URB's completion handler */
static void m_bulk_complete(struct urb *urb)
{
	struct dev_ctx *d = urb->context;

	d->buf = kzalloc(128, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(128, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'm_bulk_complete' runs in atomic context: URB completion handler set with usb_fill_bulk_urb here
}

/* flagged: a completion handler stored in the URB by hand */
static void m_status_complete(struct urb *urb)
{
	struct dev_ctx *d = urb->context;

	d->table = kmalloc(16, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:13: warning: kmalloc(16, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: 'm_status_complete' runs in atomic context
}

/* silent: GFP_ATOMIC in the completion handler is what it needs */
static void m_int_complete(struct urb *urb)
{
	struct dev_ctx *d = urb->context;

	d->buf = kmalloc(32, GFP_ATOMIC);
	usb_submit_urb(urb, GFP_ATOMIC);
}

int m_start(struct dev_ctx *d, struct usb_device *udev)
{
	usb_fill_bulk_urb(d->urb, udev, 1, d->buf, 64, m_bulk_complete, d);
	d->status_urb->complete = m_status_complete;
	usb_fill_bulk_urb(d->status_urb, udev, 2, d->buf, 8, m_int_complete, d);
	return usb_submit_urb(d->urb, GFP_KERNEL);
}
