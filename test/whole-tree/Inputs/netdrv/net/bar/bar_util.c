// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Helpers whose context is decided by their callers in bar_core.c. */
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/bar.h>

/* Called under spin_lock_bh() in bar_process(). */
void bar_update_cache(struct bar *b)
{
	b->cache = kmalloc(64, GFP_KERNEL);
}

/* Called by bar_relock(), which has dropped the lock. */
void bar_grow(struct bar *b)
{
	b->cache = kmalloc(128, GFP_KERNEL);
}

/* Called with the lock held on some paths only. */
void bar_note(struct bar *b)
{
	b->cache = kmalloc(32, GFP_KERNEL);
}

/* Every caller in the tree may sleep, but this is built-in code: a global
 * function may have callers this database does not hold. */
int bar_setup(struct bar *b)
{
	b->cache = kmalloc(16, GFP_ATOMIC);
	return b->cache ? 0 : -ENOMEM;
}
