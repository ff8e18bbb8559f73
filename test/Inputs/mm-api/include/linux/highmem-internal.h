/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Stands for a header of the kernel's own page API, written for gfp-tidy's
 * tests: a path that IgnoredHeaderRegex names by default. */
#ifndef _LINUX_HIGHMEM_INTERNAL_H
#define _LINUX_HIGHMEM_INTERNAL_H

#include <linux/mm.h>
#include <linux/string.h>

/* Stands for an implementation detail that treats descriptors as bytes. */
static inline void __page_api_poison(struct page *page)
{
	memset((void *)page, 0x6b, PAGE_SIZE);
}

#endif /* _LINUX_HIGHMEM_INTERNAL_H */
