// SPDX-License-Identifier: GPL-2.0
/* alpha: an rx path with an unchecked atomic page and the labyrinth. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "../../../include/local/ring.h"

struct alpha_rx {
	struct page *page;
	void *buf;
};

static int alpha_refill(struct alpha_rx *rx)
{
	rx->page = ring_alloc_page(GFP_ATOMIC);
	get_page(rx->page);			/* bug: unchecked */
	return 0;
}

static int alpha_fill(struct alpha_rx *rx)
{
	rx->buf = labyrinth;
	memset(rx->buf, 0, 64);			/* bug: page as address */
	return 0;
}

/* Correct code: checked, and page_address() for the memory. */
static int alpha_fill_ok(struct alpha_rx *rx)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page)
		return -ENOMEM;
	memset(page_address(page), 0, PAGE_SIZE);
	rx->page = page;
	return 0;
}

int alpha_init(struct alpha_rx *rx)
{
	return alpha_refill(rx) ?: alpha_fill(rx) ?: alpha_fill_ok(rx);
}
