// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The ops table: the only place that says in which context each callback
 * runs. */
#include "foo.h"

static const struct net_device_ops foo_netdev_ops = {
	.ndo_open		= foo_open,
	.ndo_set_rx_mode	= foo_set_rx_mode,
	.ndo_tx_timeout		= foo_tx_timeout,
};

void foo_setup(struct net_device *dev)
{
	dev->netdev_ops = &foo_netdev_ops;
}
