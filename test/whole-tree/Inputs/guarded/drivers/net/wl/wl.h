/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A wireless driver split like iwlegacy: the core calls the hardware
 * generation's dump routine through its ops table, from the interrupt
 * tasklet with nothing to display and from debugfs with a buffer. */
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/interrupt.h>

struct wl;

struct wl_ops {
	int (*dump_fh)(struct wl *wl, char **buf, bool display);
	void (*dump_csr)(struct wl *wl, bool verbose);
};

struct wl {
	const struct wl_ops *ops;
	struct tasklet_struct irq_tasklet;
	char *log;
};

int wl_dump_regs(struct wl *wl, int detail);
void wl_setup(struct wl *wl);
