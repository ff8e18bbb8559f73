/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H

#include <linux/types.h>
#include <linux/skbuff.h>

struct net_device;

typedef enum netdev_tx {
	NETDEV_TX_OK	 = 0x00,
	NETDEV_TX_BUSY	 = 0x10,
} netdev_tx_t;

struct napi_struct {
	int weight;
	int (*poll)(struct napi_struct *, int);
};

struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	void (*ndo_set_rx_mode)(struct net_device *dev);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	void (*ndo_tx_timeout)(struct net_device *dev, unsigned int txqueue);
};

struct net_device {
	char name[16];
	const struct net_device_ops *netdev_ops;
};

void *netdev_priv(const struct net_device *dev);
void netif_napi_add(struct net_device *dev, struct napi_struct *napi,
		    int (*poll)(struct napi_struct *, int));
bool napi_complete_done(struct napi_struct *n, int work_done);
void napi_schedule(struct napi_struct *n);
void napi_gro_receive(struct napi_struct *napi, struct sk_buff *skb);
struct sk_buff *napi_alloc_skb(struct napi_struct *napi, unsigned int length);
void dev_kfree_skb_any(struct sk_buff *skb);

#endif /* _LINUX_NETDEVICE_H */
