// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#include "ex.h"

/* flagged: stored in alloc_rx_buf below, which the NAPI poll's receive
 * routine calls (the configuration path calls it too, and may sleep) */
static void ex_alloc_jumbo_rx_buffers(struct ex_adapter *a, int count)
{
	a->rx_page = alloc_page(GFP_KERNEL);
}

/* silent: the right flags */
static void ex_alloc_rx_buffers(struct ex_adapter *a, int count)
{
	a->rx_buf = kmalloc(2048, GFP_ATOMIC);
}

static bool ex_clean_rx_irq(struct ex_adapter *a, int budget)
{
	a->alloc_rx_buf(a, budget);
	return true;
}

static bool ex_clean_jumbo_rx_irq(struct ex_adapter *a, int budget)
{
	a->alloc_rx_buf(a, budget);
	return true;
}

/* silent: log is stored here but only called where the code may sleep */
static void ex_log_regs(struct ex_adapter *a)
{
	a->regs = kmalloc(256, GFP_KERNEL);
}

static int ex_poll(struct napi_struct *napi, int budget)
{
	struct ex_adapter *a = container_of(napi, struct ex_adapter, napi);

	a->clean_rx(a, budget);
	a->hw->reset(a);
	return 0;
}

static void ex_configure(struct ex_adapter *a)
{
	a->alloc_rx_buf(a, 64);
	a->log(a);
}

static int ex_open(struct net_device *dev)
{
	struct ex_adapter *a = netdev_priv(dev);

	if (a->jumbo) {
		a->clean_rx = ex_clean_jumbo_rx_irq;
		a->alloc_rx_buf = ex_alloc_jumbo_rx_buffers;
	} else {
		a->clean_rx = ex_clean_rx_irq;
		a->alloc_rx_buf = ex_alloc_rx_buffers;
	}
	a->log = ex_log_regs;
	a->hw = a->jumbo ? &ex_hw_b_ops : &ex_hw_a_ops;
	a->hw->reset(a);
	ex_configure(a);
	netif_napi_add(dev, &a->napi, ex_poll);
	return 0;
}

const struct net_device_ops ex_netdev_ops = {
	.ndo_open = ex_open,
};
