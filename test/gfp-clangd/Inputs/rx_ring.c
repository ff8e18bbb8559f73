// SPDX-License-Identifier: GPL-2.0
/* An rx refill that uses an atomic page without checking it. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

struct rx_slot {
	struct page *page;
};

int rx_refill(struct rx_slot *slot)
{
	slot->page = alloc_page(GFP_ATOMIC);
	get_page(slot->page);
	return 0;
}
