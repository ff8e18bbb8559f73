// A lock taken with interrupts or bottom halves off holds two things, and
// code may give them back apart: `spin_lock_irqsave(); ...; spin_unlock();
// ...; local_irq_restore();` (raid5-ppl, drbd) stays atomic until the
// restore, and `local_irq_save(); spin_lock(); ...;
// spin_unlock_irqrestore();` is atomic from the save.
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

struct log {
	spinlock_t lock;
	struct mutex mutex;
	u32 *entries;
};

/* flagged: the spinlock is dropped, interrupts are still off */
void il_split_kernel(struct log *l)
{
	unsigned long flags;

	spin_lock_irqsave(&l->lock, flags);
	spin_unlock(&l->lock);
	l->entries = kcalloc(16, sizeof(u32), GFP_KERNEL);
// CHECK: :[[@LINE-1]]:15: warning: kcalloc{{.*}} may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: atomic context begins here: spin_lock_irqsave
	local_irq_restore(flags);
}

/* silent: interrupts are off, GFP_ATOMIC is right, though the function
 * sleeps before */
void il_split_atomic(struct log *l)
{
	unsigned long flags;

	mutex_lock(&l->mutex);
	mutex_unlock(&l->mutex);
	spin_lock_irqsave(&l->lock, flags);
	spin_unlock(&l->lock);
	l->entries = kcalloc(16, sizeof(u32), GFP_ATOMIC);
	local_irq_restore(flags);
}

/* silent: everything is given back before the allocation */
void il_split_after(struct log *l)
{
	unsigned long flags;

	spin_lock_irqsave(&l->lock, flags);
	spin_unlock(&l->lock);
	local_irq_restore(flags);
	l->entries = kcalloc(16, sizeof(u32), GFP_KERNEL);
}

/* flagged: atomic from local_irq_save(), and silent after the combined
 * unlock */
void il_save_first(struct log *l)
{
	unsigned long flags;

	local_irq_save(flags);
	spin_lock(&l->lock);
	spin_unlock_irqrestore(&l->lock, flags);
	l->entries = kcalloc(16, sizeof(u32), GFP_KERNEL);
	local_irq_save(flags);
	kfree(l->entries);
	l->entries = kmalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:15: warning: kmalloc(8, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: note: atomic context begins here: local_irq_save
	local_irq_restore(flags);
}
