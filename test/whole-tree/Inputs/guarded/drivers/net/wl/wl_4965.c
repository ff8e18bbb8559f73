// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* One hardware generation's ops. */
#include "wl.h"

/* silent: only the debugfs caller displays, and it may sleep; the tasklet
 * passes display = false and never reaches the allocation */
static int wl4965_dump_fh(struct wl *wl, char **buf, bool display)
{
	if (display) {
		*buf = kmalloc(4096, GFP_KERNEL);
		if (!*buf)
			return -12;
	}
	return 0;
}

/* flagged: the tasklet passes verbose = true */
static void wl4965_dump_csr(struct wl *wl, bool verbose)
{
	if (verbose)
		wl->log = kmalloc(512, GFP_KERNEL);
}

/* silent: the tasklet passes detail = 0 to the direct call too */
int wl_dump_regs(struct wl *wl, int detail)
{
	if (detail != 0)
		wl->log = kzalloc(256, GFP_KERNEL);
	return 0;
}

const struct wl_ops wl4965_ops = {
	.dump_fh	= wl4965_dump_fh,
	.dump_csr	= wl4965_dump_csr,
};
