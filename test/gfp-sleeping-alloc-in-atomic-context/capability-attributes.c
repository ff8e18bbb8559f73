// Linux 7.0 spells __must_hold() as Clang's capability attribute when its
// context analysis is on: a spinning lock required on entry makes the
// function atomic; a mutex does not.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#define __must_hold(x) __attribute__((requires_capability(x)))

#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct dev {
	spinlock_t lock;
	struct mutex mtx;
	void *buf;
};

/* flagged */
void dev_fill(struct dev *d) __must_hold(&d->lock)
{
	d->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE-4]]:30: note: 'dev_fill' runs in atomic context: it requires a spinning lock held (__must_hold) here
}

/* silent: a mutex */
void dev_fill_mutex(struct dev *d) __must_hold(&d->mtx)
{
	d->buf = kmalloc(64, GFP_KERNEL);
}
