// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/*
 * The driver's callbacks. Their ops table is in foo_netdev.c: this file
 * alone does not say which of them run in atomic context.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include "foo.h"

/* Reached from .ndo_set_rx_mode, which the core calls under
 * netif_addr_lock_bh(). */
static int foo_write_mc_list(struct foo_priv *priv)
{
	void *list = kmalloc(256, GFP_KERNEL);

	if (!list)
		return -ENOMEM;
	priv->mc_list = list;
	return 0;
}

void foo_set_rx_mode(struct net_device *dev)
{
	struct foo_priv *priv = netdev_priv(dev);

	foo_write_mc_list(priv);
}

static void foo_dump_state(struct foo_priv *priv)
{
	char *buf = kzalloc(128, GFP_KERNEL);

	kfree(buf);
}

void foo_tx_timeout(struct net_device *dev, unsigned int txqueue)
{
	foo_dump_state(netdev_priv(dev));
}

int foo_open(struct net_device *dev)
{
	struct foo_priv *priv = netdev_priv(dev);
	int err;

	err = foo_alloc_rings(priv);
	if (err)
		return err;
	netif_napi_add(dev, &priv->napi, foo_poll);
	return foo_refill(priv);
}

int foo_poll(struct napi_struct *napi, int budget)
{
	struct foo_priv *priv = foo_from_napi(napi);

	foo_refill(priv);
	return 0;
}
