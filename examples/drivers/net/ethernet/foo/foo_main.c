// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/*
 * foo: probe, open and the watchdog of the example driver.
 */
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "foo.h"

static void foo_watchdog(struct timer_list *t)
{
	struct foo_priv *priv = from_timer(priv, t, watchdog);
	void *snapshot;

	/* BUG (gfp-sleeping-alloc-in-atomic-context): timers run in softirq. */
	snapshot = kmalloc(256, GFP_KERNEL);
	if (!snapshot)
		return;
	memcpy(snapshot, priv->stats_page, 256);
	kfree(snapshot);
	mod_timer(&priv->watchdog, jiffies + HZ);
}

static void foo_reset_task(struct work_struct *work)
{
	struct foo_priv *priv = container_of(work, struct foo_priv, reset_work);
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&priv->lock, flags);
	/* BUG (gfp-sleeping-alloc-in-atomic-context): under a spinlock. */
	page = alloc_page(GFP_KERNEL);
	spin_unlock_irqrestore(&priv->lock, flags);
	if (!page)
		return;

	/* BUG (gfp-page-free-mismatch): a descriptor to free_page(). */
	free_page((unsigned long)page);
}

static int foo_open(struct net_device *netdev)
{
	struct foo_priv *priv = netdev_priv(netdev);
	int err;

	/* OK: process context may sleep, GFP_KERNEL is right. */
	err = foo_refill_rx(priv, GFP_KERNEL);
	if (err)
		return err;

	/* OK: an address allocator, checked. */
	priv->stats_page = (u8 *)get_zeroed_page(GFP_KERNEL);
	if (!priv->stats_page)
		return -ENOMEM;

	timer_setup(&priv->watchdog, foo_watchdog, 0);
	mod_timer(&priv->watchdog, jiffies + HZ);
	return 0;
}

static int foo_stop(struct net_device *netdev)
{
	struct foo_priv *priv = netdev_priv(netdev);

	del_timer_sync(&priv->watchdog);
	/* OK: the address goes back through free_page(). */
	free_page((unsigned long)priv->stats_page);
	return 0;
}

static netdev_tx_t foo_start_xmit(struct sk_buff *skb, struct net_device *netdev)
{
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops foo_netdev_ops = {
	.ndo_open	= foo_open,
	.ndo_stop	= foo_stop,
	.ndo_start_xmit	= foo_start_xmit,
};

static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct foo_priv *priv;
	int err;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;

	/* BUG (gfp-atomic-in-sleepable-context): probe may sleep; this drains
	 * the reserves that interrupt handlers need. */
	priv->scratch = (void *)__get_free_page(GFP_ATOMIC);
	if (!priv->scratch) {
		kfree(priv);
		return -ENOMEM;
	}

	spin_lock_init(&priv->lock);
	INIT_WORK(&priv->reset_work, foo_reset_task);
	netif_napi_add(priv->netdev, &priv->napi, foo_rx_poll);
	pci_set_drvdata(pdev, priv);

	err = request_irq(pdev->irq, foo_intr, IRQF_SHARED, "foo", priv);
	if (err) {
		free_page((unsigned long)priv->scratch);
		kfree(priv);
	}
	return err;
}

static void foo_remove(struct pci_dev *pdev)
{
	struct foo_priv *priv = pci_get_drvdata(pdev);

	free_irq(pdev->irq, priv);
	free_page((unsigned long)priv->scratch);
	kfree(priv);
}

static const struct pci_device_id foo_ids[] = {
	{ 0x1d0f, 0xf00 },
	{ 0, 0 },
};

static struct pci_driver foo_driver = {
	.name		= "foo",
	.id_table	= foo_ids,
	.probe		= foo_probe,
	.remove		= foo_remove,
};

static int __init foo_init(void)
{
	return pci_register_driver(&foo_driver);
}
module_init(foo_init);
MODULE_LICENSE("GPL");
