// The scenario gfp-tidy started from, seen by the NULL-check analysis: a
// macro hides an atomic allocation; the IRQ handler that checks the pointer
// before using it is silent, the one that does not is reported at the first
// use, naming the macro, with the macro chain as notes.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/interrupt.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)
#define RX_SCRATCH() labyrinth

struct rx_ring {
	void *buf;
};

/* silent: checked, then used */
static irqreturn_t rx_irq_checked(int irq, void *dev_id)
{
	struct rx_ring *ring = dev_id;
	void *buf = labyrinth;

	if (!buf)
		return IRQ_NONE;
	memset(buf, 0, 4096);
	ring->buf = buf;
	return IRQ_HANDLED;
}

/* flagged: used at once */
static irqreturn_t rx_irq_unchecked(int irq, void *dev_id)
{
	struct rx_ring *ring = dev_id;
	void *buf = labyrinth;

	memset(buf, 0, 4096);
// CHECK: :[[@LINE-1]]:9: warning: 'buf' from macro 'labyrinth' (alloc_page(GFP_ATOMIC)) is passed to 'memset', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:14: note: page allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE-29]]:27: note: expanded from macro 'labyrinth'
	ring->buf = buf;
	return IRQ_HANDLED;
}

/* flagged: two macros deep, into a member */
static irqreturn_t rx_irq_nested(int irq, void *dev_id)
{
	struct rx_ring *ring = dev_id;

	ring->buf = RX_SCRATCH();
	*(char *)ring->buf = 0;
// CHECK: :[[@LINE-1]]:3: warning: 'ring->buf' from macro 'RX_SCRATCH' (alloc_page(GFP_ATOMIC)) is dereferenced without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-3]]:14: note: page allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE-42]]:22: note: expanded from macro 'RX_SCRATCH'
// CHECK: :[[@LINE-44]]:27: note: expanded from macro 'labyrinth'
	return IRQ_HANDLED;
}

/* flagged: the discarded macro result */
static void rx_leak(void)
{
	(void)labyrinth;
// CHECK: :[[@LINE-1]]:8: warning: the page from macro 'labyrinth' (alloc_page(GFP_ATOMIC)) is discarded: it leaks, and a failed allocation goes unnoticed [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-53]]:27: note: page allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE-54]]:27: note: expanded from macro 'labyrinth'
}

static int rx_setup(struct rx_ring *ring)
{
	if (request_irq(10, rx_irq_checked, IRQF_SHARED, "rx", ring))
		return -1;
	if (request_irq(11, rx_irq_unchecked, IRQF_SHARED, "rx", ring))
		return -1;
	return request_irq(12, rx_irq_nested, IRQF_SHARED, "rx", ring);
}
