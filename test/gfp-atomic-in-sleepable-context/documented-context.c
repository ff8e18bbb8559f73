// A function whose kernel-doc says it runs where it cannot sleep keeps its
// GFP_ATOMIC, whatever its body does after the allocation: hid-roccat's
// roccat_report_event() ("This is called from interrupt handler.") takes a
// mutex after kmemdup(GFP_ATOMIC); the mutex is the bug, not the flags.
// The comment may be kernel-doc or a plain block, as roccat's is. The same
// body with a comment that says nothing of its context is reported.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %if kernel-headers %{ %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:' %}

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/errno.h>

struct rdev {
	struct mutex cbuf_lock;
	void *cbuf[16];
	unsigned int end;
	size_t report_size;
};

/*
 * rdev_report_event() - queue a report for the readers
 * @dev: the device
 * @data: the report
 *
 * This is called from interrupt handler.
 */
int rdev_report_event(struct rdev *dev, const void *data)
{
	void *copy = kmalloc(dev->report_size, GFP_ATOMIC);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, dev->report_size);
	mutex_lock(&dev->cbuf_lock);
	dev->cbuf[dev->end++ % 16] = copy;
	mutex_unlock(&dev->cbuf_lock);
	return 0;
}

/**
 * rdev_queue_locked() - the same, under the device's spinlock
 * @dev: the device
 * @data: the report
 *
 * Context: atomic context; must not sleep.
 */
int rdev_queue_locked(struct rdev *dev, const void *data)
{
	void *copy = kmalloc(dev->report_size, GFP_ATOMIC);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, dev->report_size);
	mutex_lock(&dev->cbuf_lock);
	dev->cbuf[dev->end++ % 16] = copy;
	mutex_unlock(&dev->cbuf_lock);
	return 0;
}

/**
 * rdev_add() - queue a report from process context
 * @dev: the device
 * @data: the report
 */
int rdev_add(struct rdev *dev, const void *data)
{
	void *copy = kmalloc(dev->report_size, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:15: warning: kmalloc(dev->report_size, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, dev->report_size);
	mutex_lock(&dev->cbuf_lock);
// CHECK: :[[@LINE-1]]:2: note: 'rdev_add' may sleep: it calls 'mutex_lock{{[a-z_]*}}' here with no lock held
	dev->cbuf[dev->end++ % 16] = copy;
	mutex_unlock(&dev->cbuf_lock);
	return 0;
}

/* Queues a report; the readers wake up. */
int rdev_add_plain(struct rdev *dev, const void *data)
{
	void *copy = kmalloc(dev->report_size, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:15: warning: kmalloc(dev->report_size, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, dev->report_size);
	mutex_lock(&dev->cbuf_lock);
// CHECK: :[[@LINE-1]]:2: note: 'rdev_add_plain' may sleep: it calls 'mutex_lock{{[a-z_]*}}' here with no lock held
	dev->cbuf[dev->end++ % 16] = copy;
	mutex_unlock(&dev->cbuf_lock);
	return 0;
}

/* A comment trailing the previous line's code is not the function's. */
static unsigned int rdev_hits; /* bumped in interrupt context */
int rdev_count(struct rdev *dev, const void *data)
{
	void *copy = kmalloc(dev->report_size, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:15: warning: kmalloc(dev->report_size, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, dev->report_size);
	mutex_lock(&dev->cbuf_lock);
// CHECK: :[[@LINE-1]]:2: note: 'rdev_count' may sleep: it calls 'mutex_lock{{[a-z_]*}}' here with no lock held
	rdev_hits++;
	dev->cbuf[dev->end++ % 16] = copy;
	mutex_unlock(&dev->cbuf_lock);
	return 0;
}
