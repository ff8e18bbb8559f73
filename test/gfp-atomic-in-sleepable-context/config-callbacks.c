// Configuration callbacks the kernel calls in process context: a PCI
// driver's sriov_configure (from a sysfs write, under the device lock) and
// the dcbnl_rtnl_ops callbacks (from an rtnetlink handler, under RTNL).
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/gfp.h>
#include <linux/pci.h>
#include <linux/slab.h>

struct ieee_ets;
struct net_device;
struct dcbnl_rtnl_ops {
	int (*ieee_getets)(struct net_device *dev, struct ieee_ets *ets);
	int (*ieee_setets)(struct net_device *dev, struct ieee_ets *ets);
};

static void *vfs;

/* flagged: sriov_configure may sleep */
static int drv_sriov_configure(struct pci_dev *pdev, int num_vfs)
{
	vfs = kmalloc(num_vfs * 64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:8: warning: kmalloc(num_vfs * 64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :{{[0-9]+}}:21: note: 'drv_sriov_configure' may sleep: registered as 'sriov_configure' of 'struct pci_driver' here
	return vfs ? num_vfs : -12;
}

/* flagged: a dcbnl callback runs under RTNL */
static int drv_ieee_getets(struct net_device *dev, struct ieee_ets *ets)
{
	void *buf = kzalloc(128, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:14: warning: kzalloc(128, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :{{[0-9]+}}:17: note: 'drv_ieee_getets' may sleep: registered as 'ieee_getets' of 'struct dcbnl_rtnl_ops' here
	kfree(buf);
	return 0;
}

static struct pci_driver drv_driver = {
	.name = "drv",
	.sriov_configure = drv_sriov_configure,
};

const struct dcbnl_rtnl_ops drv_dcbnl_ops = {
	.ieee_getets = drv_ieee_getets,
};

int drv_register(void)
{
	return pci_register_driver(&drv_driver);
}
