// The GFP_ATOMIC -> GFP_KERNEL fix-it, only where the flag is written in
// the call itself; and the options of both context checks.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' --fix %t.c -- %kflags > %t.out 2>&1
// RUN: FileCheck %s --check-prefix=CHECK-FIXES < %t.c
// RUN: %strip_checks %s > %t2.c
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-atomic-in-sleepable-context' \
// RUN:   --config="{CheckOptions: {gfp-atomic-in-sleepable-context.IncludeNowait: true, gfp-atomic-in-sleepable-context.SleepFunctions: 'bar_wait_hw', gfp-atomic-in-sleepable-context.SleepableCallbacks: 'bar_register_cb:0'}}" \
// RUN:   %t2.c -- %kflags 2>&1 | FileCheck %s --check-prefix=OPT --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-sleeping-alloc-in-atomic-context' \
// RUN:   --config="{CheckOptions: {gfp-sleeping-alloc-in-atomic-context.LockFunctions: 'bar_hw_lock', gfp-sleeping-alloc-in-atomic-context.UnlockFunctions: 'bar_hw_unlock', gfp-sleeping-alloc-in-atomic-context.AtomicCallbacks: 'bar_register_irq_cb:1'}}" \
// RUN:   %t2.c -- %kflags 2>&1 | FileCheck %s --check-prefix=ATOMIC --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t2.c -- %kflags 2>&1 \
// RUN:   | FileCheck %s --allow-empty --check-prefix=NOOPT --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/pci.h>
#include <linux/mutex.h>

#define BAR_GFP GFP_ATOMIC

void bar_wait_hw(void);
void bar_hw_lock(void);
void bar_hw_unlock(void);
int bar_register_cb(void (*cb)(void *), void *data);
int bar_register_irq_cb(void *data, void (*cb)(void *));

struct bar {
	void *a, *b, *c, *d;
};

static int bar_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct bar *b = pci_get_drvdata(pdev);

	b->a = kmalloc(16, GFP_ATOMIC);
// CHECK-FIXES: b->a = kmalloc(16, GFP_KERNEL);
// OPT: :[[@LINE-2]]:9: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves
	b->b = kmalloc(16, GFP_ATOMIC | __GFP_NOWARN);
// CHECK-FIXES: b->b = kmalloc(16, GFP_KERNEL | __GFP_NOWARN);
// OPT: :[[@LINE-2]]:9: warning: kmalloc(16, GFP_ATOMIC | __GFP_NOWARN) dips
	b->c = kmalloc(16, BAR_GFP);
// CHECK-FIXES: b->c = kmalloc(16, BAR_GFP);
// OPT: :[[@LINE-2]]:9: warning: kmalloc(16, BAR_GFP) dips
	b->d = kmalloc(16, GFP_NOWAIT);
// OPT: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_NOWAIT) cannot sleep, but this code may; use GFP_KERNEL
	return 0;
}

/* SleepFunctions: a driver's own sleeping wait proves process context */
static void *bar_reset(void)
{
	bar_wait_hw();
	return kmalloc(16, GFP_ATOMIC);
// OPT: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_ATOMIC) dips
}

/* SleepableCallbacks: a callback registered with a driver's own API */
static void bar_cb(void *data)
{
	kfree(kmalloc(16, GFP_ATOMIC));
// OPT: :[[@LINE-1]]:8: warning: kmalloc(16, GFP_ATOMIC) dips
}

/* LockFunctions/UnlockFunctions: a hardware lock that spins */
static void bar_hw(struct bar *b)
{
	bar_hw_lock();
	b->a = kmalloc(16, GFP_KERNEL);
// ATOMIC: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_KERNEL) may sleep
	bar_hw_unlock();
	b->b = kmalloc(16, GFP_KERNEL);
}

/* AtomicCallbacks: a callback run from an interrupt */
static void bar_irq_cb(void *data)
{
	kfree(kmalloc(16, GFP_KERNEL));
// ATOMIC: :[[@LINE-1]]:8: warning: kmalloc(16, GFP_KERNEL) may sleep
}

// NOOPT-NOT: warning:

static int bar_setup(struct bar *b)
{
	bar_register_cb(bar_cb, b);
	return bar_register_irq_cb(b, bar_irq_cb);
}

static struct pci_driver bar_driver = {
	.probe = bar_probe,
};
