// SPDX-License-Identifier: GPL-2.0
/* beta: a page freed through the wrong API. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "../../../include/local/ring.h"

static struct page *beta_page;

int beta_open(void)
{
	beta_page = alloc_page(GFP_KERNEL);
	if (!beta_page)
		return -ENOMEM;
	ring_clear(beta_page);
	return 0;
}

void beta_release(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (page)
		free_page((unsigned long)page);	/* bug: descriptor to free_page */
}
