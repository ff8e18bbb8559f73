/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/container_of.h>

struct timer_list {
	unsigned long expires;
	void (*function)(struct timer_list *);
	unsigned int flags;
};

extern unsigned long volatile jiffies;
#define HZ 250

/* As in the kernel: timer_setup() is a macro over init_timer_key(). */
void init_timer_key(struct timer_list *timer,
		    void (*func)(struct timer_list *), unsigned int flags,
		    const char *name, void *key);
#define __init_timer(_timer, _fn, _flags)				\
	init_timer_key((_timer), (_fn), (_flags), NULL, NULL)
#define timer_setup(timer, callback, flags)				\
	__init_timer((timer), (callback), (flags))
int mod_timer(struct timer_list *timer, unsigned long expires);
int del_timer_sync(struct timer_list *timer);

#define from_timer(var, callback_timer, timer_fieldname)		\
	container_of(callback_timer, typeof(*var), timer_fieldname)

#endif /* _LINUX_TIMER_H */
