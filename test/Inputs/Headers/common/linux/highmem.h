/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}
static inline void kunmap_local(const void *addr) { }
static inline void *kmap(struct page *page) { return page_address(page); }
static inline void kunmap(struct page *page) { }

#endif /* _LINUX_HIGHMEM_H */
