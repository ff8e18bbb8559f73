// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* A driver of the bar subsystem: its kick() is called through bar_ops
 * under the bar's spinlock (net/bar/bar_core.c). */
#include <linux/slab.h>
#include <net/bar.h>

static void baz_kick(struct bar *b)
{
	void *cmd = kzalloc(32, GFP_KERNEL);

	kfree(cmd);
}

static const struct bar_ops baz_ops = {
	.kick = baz_kick,
};

const struct bar_ops *baz_get_ops(void)
{
	return &baz_ops;
}
