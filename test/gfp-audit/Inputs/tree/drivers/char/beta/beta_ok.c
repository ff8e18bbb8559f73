// SPDX-License-Identifier: GPL-2.0
/* beta_ok: correct code only; the audit must stay silent here. */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

int beta_ok(void)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	if (!addr || !page)
		goto out;
	memset((void *)addr, 0, PAGE_SIZE);
	memset(page_address(page), 0, PAGE_SIZE);
out:
	if (page)
		__free_page(page);
	free_page(addr);
	return 0;
}
