/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A network driver split over three files, as drivers often are. */
#ifndef _FOO_H
#define _FOO_H

#include <linux/netdevice.h>
#include <linux/spinlock.h>

struct foo_priv {
	struct net_device *netdev;
	spinlock_t lock;
	struct napi_struct napi;
	void *rx_ring;
	void *mc_list;
};

struct foo_priv *foo_from_napi(struct napi_struct *napi);
int foo_open(struct net_device *dev);
void foo_set_rx_mode(struct net_device *dev);
void foo_tx_timeout(struct net_device *dev, unsigned int txqueue);
int foo_alloc_rings(struct foo_priv *priv);
int foo_refill(struct foo_priv *priv);
int foo_poll(struct napi_struct *napi, int budget);

#endif /* _FOO_H */
