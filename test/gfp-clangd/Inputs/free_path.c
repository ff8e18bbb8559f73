// SPDX-License-Identifier: GPL-2.0
/* A page descriptor freed as an address: the fix-it is a code action. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>

void scratch_cycle(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (page)
		free_page((unsigned long)page);
}
