/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>

struct device;

enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
};
typedef enum irqreturn irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int, void *);

#define IRQF_SHARED	0x00000080

int request_threaded_irq(unsigned int irq, irq_handler_t handler,
			 irq_handler_t thread_fn, unsigned long flags,
			 const char *name, void *dev);
static inline int request_irq(unsigned int irq, irq_handler_t handler,
			      unsigned long flags, const char *name, void *dev)
{
	return request_threaded_irq(irq, handler, NULL, flags, name, dev);
}
void free_irq(unsigned int irq, void *dev_id);
int devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		     unsigned long irqflags, const char *devname, void *dev_id);

struct tasklet_struct {
	void (*callback)(struct tasklet_struct *t);
	unsigned long state;
};
void tasklet_setup(struct tasklet_struct *t,
		   void (*callback)(struct tasklet_struct *));
void tasklet_schedule(struct tasklet_struct *t);

unsigned long __preempt_count_read(void);
#define in_interrupt()	(__preempt_count_read() & 0x1fff00UL)
#define in_softirq()	(__preempt_count_read() & 0xff00UL)

#endif /* _LINUX_INTERRUPT_H */
