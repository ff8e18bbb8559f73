// The kernel's own statements of a function's context: lockdep_assert_held()
// of a spinning lock and lockdep_assert_irqs_disabled(), which expand to
// next to nothing without CONFIG_LOCKDEP and are read by the macro's name,
// and WARN_ON(!irqs_disabled()), read as written.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct dev {
	spinlock_t lock;
	struct mutex mtx;
	void *buf;
};

/* flagged: called with the spinlock held, as it asserts */
void dev_refill_locked(struct dev *d)
{
	lockdep_assert_held(&d->lock);
	d->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: 'dev_refill_locked' runs in atomic context: it asserts that a spinning lock is held (lockdep_assert_held) here
}

/* flagged: interrupts off, as it asserts */
void dev_irqs_off(struct dev *d)
{
	lockdep_assert_irqs_disabled();
	d->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: 'dev_irqs_off' runs in atomic context: it asserts so (lockdep_assert_irqs_disabled) here
}

/* flagged: interrupts off, as it warns otherwise */
void dev_irqs_off_warn(struct dev *d)
{
	WARN_ON_ONCE(!irqs_disabled());
	d->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-3]]:2: note: 'dev_irqs_off_warn' runs in atomic context: it asserts that interrupts are off (WARN_ON_ONCE) here
}

/* silent: the opposite assertion */
void dev_irqs_on_warn(struct dev *d)
{
	WARN_ON(irqs_disabled());
	d->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: its only caller drops the lock it holds around the call
 * (csiostor's csio_hw_flash_config() shape) */
static void dev_grow(struct dev *d)
{
	d->buf = kmalloc(128, GFP_KERNEL);
}

void dev_relocked(struct dev *d)
{
	lockdep_assert_held(&d->lock);
	spin_unlock_irq(&d->lock);
	dev_grow(d);
	spin_lock_irq(&d->lock);
}

/* flagged: annotated as called with the spinlock held (sparse's spelling,
 * empty outside sparse) */
void dev_refill_annotated(struct dev *d) __must_hold(&d->lock)
{
	d->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-4]]:42: note: 'dev_refill_annotated' runs in atomic context: it is annotated __must_hold(&d->lock) here
}

/* silent: called with the lock held, but drops it around each allocation
 * of a loop (mm/hugetlb.c's allocate_file_region_entries() shape) */
int dev_fill_entries(struct dev *d, int n) __must_hold(&d->lock)
{
	while (n-- > 0) {
		void *e;

		spin_unlock(&d->lock);
		e = kmalloc(32, GFP_KERNEL);
		spin_lock(&d->lock);
		if (!e)
			return -1;
		d->buf = e;
	}
	return 0;
}

/* silent: annotated with a mutex held */
void dev_refill_annotated_mutex(struct dev *d) __must_hold(&d->mtx)
{
	d->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: a name the annotation cannot resolve (no such parameter) */
void dev_refill_annotated_unknown(struct dev *d) __must_hold(&priv->lock)
{
	d->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: a mutex held is no atomic context */
void dev_refill_mutex(struct dev *d)
{
	lockdep_assert_held(&d->mtx);
	d->buf = kmalloc(64, GFP_KERNEL);
}

/* silent: an assertion inside a branch says nothing of the entry */
void dev_maybe(struct dev *d, int locked)
{
	if (locked)
		lockdep_assert_held(&d->lock);
	d->buf = kmalloc(64, GFP_KERNEL);
}
