/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef LINUX_PCI_H
#define LINUX_PCI_H

#include <linux/types.h>

struct device {
	void *driver_data;
};

struct pci_dev {
	struct device dev;
	unsigned int irq;
};

struct pci_device_id {
	u32 vendor, device;
};

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
	void (*shutdown)(struct pci_dev *dev);
	int (*sriov_configure)(struct pci_dev *dev, int num_vfs);
};

static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	pdev->dev.driver_data = data;
}
static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return pdev->dev.driver_data;
}
int pci_enable_device(struct pci_dev *dev);
int pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);

#endif /* LINUX_PCI_H */
