// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Ring memory, used by foo_main.c. */
#include <linux/errno.h>
#include <linux/slab.h>
#include "foo.h"

/* Only foo_open() calls it, from .ndo_open (process context, RTNL):
 * GFP_ATOMIC here takes the reserves for nothing. */
int foo_alloc_rings(struct foo_priv *priv)
{
	priv->rx_ring = kzalloc(4096, GFP_ATOMIC);
	return priv->rx_ring ? 0 : -ENOMEM;
}

/* Also called from the NAPI poll: GFP_ATOMIC is right. */
int foo_refill(struct foo_priv *priv)
{
	void *buf = kmalloc(2048, GFP_ATOMIC);

	if (!buf)
		return -ENOMEM;
	kfree(buf);
	return 0;
}
