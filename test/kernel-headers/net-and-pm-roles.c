// More callbacks whose context the kernel documents, on Debian's real
// linux-headers 6.1 and 6.12. Atomic: a netdev's ndo_select_queue and
// ndo_features_check (the transmit path, under rcu_read_lock_bh()),
// ndo_poll_controller (netpoll, interrupts off), ndo_xdp_xmit (from the NAPI
// poll), a netfilter hook (under rcu_read_lock()) and a packet handler added
// with dev_add_pack() (softirq). May sleep: the system sleep callbacks of
// dev_pm_ops, PCI error recovery, and ethtool's statistics callbacks (under
// RTNL).
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/netfilter.h>
#include <linux/pci.h>
#include <linux/pm.h>

static void *np_buf;

/* flagged: the transmit path picks the queue under rcu_read_lock_bh() */
static u16 np_select_queue(struct net_device *dev, struct sk_buff *skb,
			   struct net_device *sb_dev)
{
	np_buf = kmalloc(32, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_KERNEL) may sleep
// CHECK: note: 'np_select_queue' runs in atomic context: registered as 'ndo_select_queue' of 'struct net_device_ops' here
	return 0;
}

/* silent: GFP_ATOMIC is right on the transmit path */
static netdev_features_t np_features_check(struct sk_buff *skb,
					   struct net_device *dev,
					   netdev_features_t features)
{
	np_buf = kmalloc(32, GFP_ATOMIC);
	return features;
}

static const struct net_device_ops np_netdev_ops = {
	.ndo_select_queue	= np_select_queue,
	.ndo_features_check	= np_features_check,
};

/* flagged: netfilter hooks run under rcu_read_lock() */
static unsigned int np_hook(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	np_buf = kzalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(64, GFP_KERNEL) may sleep
// CHECK: note: 'np_hook' runs in atomic context: registered as 'hook' of 'struct nf_hook_ops' here
	return NF_ACCEPT;
}

static const struct nf_hook_ops np_nf_ops = {
	.hook		= np_hook,
	.pf		= NFPROTO_IPV4,
	.hooknum	= NF_INET_PRE_ROUTING,
};

/* flagged: a packet handler runs in the receive softirq */
static int np_rcv(struct sk_buff *skb, struct net_device *dev,
		  struct packet_type *pt, struct net_device *orig_dev)
{
	np_buf = kmalloc(skb->len, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(skb->len, GFP_KERNEL) may sleep
// CHECK: note: 'np_rcv' runs in atomic context: registered as 'func' of 'struct packet_type' here
	kfree_skb(skb);
	return 0;
}

static struct packet_type np_ptype = {
	.type	= cpu_to_be16(0x88b5),
	.func	= np_rcv,
};

/* flagged (the converse): system resume runs in process context */
static int np_resume(struct device *dev)
{
	np_buf = kzalloc(128, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(128, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'np_resume' may sleep: registered as 'resume' of 'struct dev_pm_ops' here
	return np_buf ? 0 : -ENOMEM;
}

static int np_suspend(struct device *dev)
{
	kfree(np_buf);
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(np_pm_ops, np_suspend, np_resume);

/* flagged (the converse): PCI error recovery runs in a thread */
static pci_ers_result_t np_slot_reset(struct pci_dev *pdev)
{
	np_buf = kmalloc(256, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(256, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'np_slot_reset' may sleep: registered as 'slot_reset' of 'struct pci_error_handlers' here
	return PCI_ERS_RESULT_RECOVERED;
}

static const struct pci_error_handlers np_err_handlers = {
	.slot_reset	= np_slot_reset,
};

/* flagged (the converse): ethtool -S runs under RTNL */
static void np_get_ethtool_stats(struct net_device *dev,
				 struct ethtool_stats *stats, u64 *data)
{
	u64 *snap = kcalloc(8, sizeof(u64), GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:14: warning: kcalloc(8, sizeof(u64), GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'np_get_ethtool_stats' may sleep: registered as 'get_ethtool_stats' of 'struct ethtool_ops' here

	kfree(snap);
}

static const struct ethtool_ops np_ethtool_ops = {
	.get_ethtool_stats	= np_get_ethtool_stats,
};

const void *np_tables[] = { &np_netdev_ops, &np_nf_ops, &np_ptype,
			    &np_pm_ops, &np_err_handlers, &np_ethtool_ops };
MODULE_LICENSE("GPL");
