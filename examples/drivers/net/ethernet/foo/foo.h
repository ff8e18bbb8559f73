/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/*
 * foo: a small example Ethernet driver for gfp-tidy's demo. It is written to
 * contain the mistakes gfp-tidy looks for, next to the correct way of doing
 * the same thing. Lines marked BUG are findings; lines marked OK are not.
 */
#ifndef _FOO_H_
#define _FOO_H_

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/pci.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/workqueue.h>

#define FOO_RX_RING_SIZE	64
#define FOO_RX_BUF_LEN		2048

/* BUG (gfp-page-as-address): the descriptor is not the page's memory. */
#define labyrinth (void *)alloc_page(GFP_ATOMIC)

struct foo_rx_buf {
	struct page *page;
	unsigned int offset;
};

struct foo_priv {
	struct pci_dev *pdev;
	struct net_device *netdev;
	struct napi_struct napi;
	spinlock_t lock;
	struct foo_rx_buf rx[FOO_RX_RING_SIZE];
	unsigned int rx_next;
	void *scratch;
	u8 *stats_page;
	struct timer_list watchdog;
	struct work_struct reset_work;
};

/* The driver's own Rx page allocator: a wrapper gfp-tidy recognises. */
static inline struct page *foo_alloc_rx_page(gfp_t gfp)
{
	return alloc_pages(gfp | __GFP_NOWARN, 0);
}

int foo_rx_poll(struct napi_struct *napi, int budget);
irqreturn_t foo_intr(int irq, void *data);
int foo_refill_rx(struct foo_priv *priv, gfp_t gfp);

#endif /* _FOO_H_ */
