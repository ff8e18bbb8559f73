/* SPDX-License-Identifier: GPL-2.0 */
/* Lock wrappers of a driver, in a header: clangd's preamble skips their
 * bodies, so gfp-clangd cannot see that they take a spinlock. */
#ifndef _RX_LOCK_H
#define _RX_LOCK_H

#include <linux/spinlock.h>

struct rx_queue {
	spinlock_t lock;
	struct page *spare;
};

static inline void rx_queue_lock(struct rx_queue *q)
{
	spin_lock_bh(&q->lock);
}

static inline void rx_queue_unlock(struct rx_queue *q)
{
	spin_unlock_bh(&q->lock);
}

#endif
