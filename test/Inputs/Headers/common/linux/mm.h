/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/gfp.h>
#include <linux/mm_types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PAGE_OFFSET	((unsigned long)0xffff888000000000UL)

extern struct page *vmemmap;
#define page_to_pfn(page)	((unsigned long)((page) - vmemmap))
#define pfn_to_page(pfn)	(vmemmap + (pfn))
#define PFN_PHYS(x)		((unsigned long)(x) << PAGE_SHIFT)
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __pa(x)			((unsigned long)(x) - PAGE_OFFSET)
#define page_to_virt(x)		__va(PFN_PHYS(page_to_pfn(x)))
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))

/* The order whose block holds size bytes: a function in C, folded by the
 * compiler when size is a constant (asm-generic/getorder.h). */
static inline int get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

static inline unsigned long virt_to_pfn(const void *kaddr)
{
	return __pa(kaddr) >> PAGE_SHIFT;
}
#define virt_to_page(kaddr)	pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)

static inline void *lowmem_page_address(const struct page *page)
{
	return page_to_virt(page);
}
#define page_address(page) lowmem_page_address(page)

static inline void get_page(struct page *page)
{
	page->_refcount.counter++;
}
void put_page(struct page *page);
static inline int page_ref_count(const struct page *page)
{
	return page->_refcount.counter;
}
static inline struct folio *page_folio(struct page *page)
{
	return (struct folio *)page;
}
void set_page_dirty(struct page *page);
void split_page(struct page *page, unsigned int order);
void lock_page(struct page *page);
void unlock_page(struct page *page);

#endif /* _LINUX_MM_H */
