// SPDX-License-Identifier: GPL-2.0
/* Correct code: GFP_ATOMIC under a lock taken through a header wrapper, in
 * a function that sleeps before taking it. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include "rx_lock.h"

static DEFINE_MUTEX(rx_config_mutex);

int rx_queue_refill(struct rx_queue *q)
{
	mutex_lock(&rx_config_mutex);
	mutex_unlock(&rx_config_mutex);

	rx_queue_lock(q);
	if (!q->spare)
		q->spare = alloc_page(GFP_ATOMIC);
	rx_queue_unlock(q);
	return q->spare ? 0 : -ENOMEM;
}
