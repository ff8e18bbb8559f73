// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The core: its interrupt tasklet dumps state without displaying it. */
#include "wl.h"

static void wl_irq_tasklet(struct tasklet_struct *t)
{
	struct wl *wl = (struct wl *)t;

	wl->ops->dump_fh(wl, NULL, false);
	wl->ops->dump_csr(wl, true);
	wl_dump_regs(wl, 0);
}

int wl_debugfs_read(struct wl *wl)
{
	char *buf = NULL;

	return wl->ops->dump_fh(wl, &buf, true);
}

void wl_setup(struct wl *wl)
{
	tasklet_setup(&wl->irq_tasklet, wl_irq_tasklet);
}
