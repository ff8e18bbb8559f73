// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The callers: bar_util.c's functions and the drivers' kick() run here. */
#include <linux/mutex.h>
#include <net/bar.h>

static DEFINE_MUTEX(bar_mutex);

/* Drops the caller's lock around the allocation it needs. */
static void bar_relock(struct bar *b)
{
	spin_unlock_bh(&b->lock);
	bar_grow(b);
	spin_lock_bh(&b->lock);
}

void bar_process(struct bar *b)
{
	spin_lock_bh(&b->lock);
	bar_update_cache(b);
	bar_relock(b);
	b->ops->kick(b);
	spin_unlock_bh(&b->lock);
}

void bar_maybe_locked(struct bar *b, bool locked)
{
	if (locked)
		spin_lock(&b->lock);
	bar_note(b);
	if (locked)
		spin_unlock(&b->lock);
}

int bar_register(struct bar *b)
{
	int err;

	mutex_lock(&bar_mutex);
	err = bar_setup(b);
	mutex_unlock(&bar_mutex);
	return err;
}
