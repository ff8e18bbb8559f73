/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A small built-in subsystem with an ops table its drivers fill. */
#ifndef _NET_BAR_H
#define _NET_BAR_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct bar;

struct bar_ops {
	void (*kick)(struct bar *b);
};

struct bar {
	spinlock_t lock;
	const struct bar_ops *ops;
	void *cache;
};

void bar_update_cache(struct bar *b);
void bar_grow(struct bar *b);
void bar_note(struct bar *b);
int bar_setup(struct bar *b);

#endif /* _NET_BAR_H */
