// The scenario gfp-tidy started from: a macro hides an atomic page
// allocation behind a (void *) cast, and an IRQ handler checks the pointer
// for NULL, then uses it as a buffer. The NULL check is right; the cast is
// not: the buffer is the page's descriptor in the memory map.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/interrupt.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)

struct rx_ring {
	void *buf;
	unsigned int len;
};

static irqreturn_t rx_irq(int irq, void *dev_id)
{
	struct rx_ring *ring = dev_id;
	void *buf = labyrinth;
// CHECK: :[[@LINE-1]]:14: warning: macro 'labyrinth' converts the page descriptor from alloc_page(GFP_ATOMIC) to 'void *' and used as memory: a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE-12]]:19: note: expanded from macro 'labyrinth'
// CHECK: :[[@LINE-13]]:27: note: page allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE+5]]:2: note: used as memory here

	if (!buf)
		return IRQ_NONE;

	memset(buf, 0, 4096);
	ring->buf = buf;
	return IRQ_HANDLED;
}

static int rx_setup(struct rx_ring *ring)
{
	return request_irq(10, rx_irq, IRQF_SHARED, "rx", ring);
}
