/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: the 6.10+ shape, where
 * each allocator is a macro over alloc_hooks() and a _noprof function. */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/compiler.h>
#include <linux/alloc_tag.h>

struct page;
struct folio;
struct vm_area_struct;

#define NUMA_NO_NODE	(-1)
int numa_mem_id(void);

struct page *__alloc_pages_noprof(gfp_t gfp, unsigned int order,
				  int preferred_nid, void *nodemask);
#define __alloc_pages(...)	alloc_hooks(__alloc_pages_noprof(__VA_ARGS__))

static inline struct page *
__alloc_pages_node_noprof(int nid, gfp_t gfp_mask, unsigned int order)
{
	return __alloc_pages_noprof(gfp_mask, order, nid, NULL);
}
#define __alloc_pages_node(...)	alloc_hooks(__alloc_pages_node_noprof(__VA_ARGS__))

static inline struct page *alloc_pages_node_noprof(int nid, gfp_t gfp_mask,
						   unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_mem_id();

	return __alloc_pages_node_noprof(nid, gfp_mask, order);
}
#define alloc_pages_node(...)	alloc_hooks(alloc_pages_node_noprof(__VA_ARGS__))

struct page *alloc_pages_noprof(gfp_t gfp, unsigned int order);
#define alloc_pages(...)	alloc_hooks(alloc_pages_noprof(__VA_ARGS__))
#define alloc_page(gfp_mask) alloc_pages(gfp_mask, 0)

extern unsigned long get_free_pages_noprof(gfp_t gfp_mask, unsigned int order);
#define __get_free_pages(...)	alloc_hooks(get_free_pages_noprof(__VA_ARGS__))

extern unsigned long get_zeroed_page_noprof(gfp_t gfp_mask);
#define get_zeroed_page(...)	alloc_hooks(get_zeroed_page_noprof(__VA_ARGS__))

#define __get_free_page(gfp_mask)					\
		__get_free_pages((gfp_mask), 0)

extern void __free_pages(struct page *page, unsigned int order);
extern void free_pages(unsigned long addr, unsigned int order);

#define __free_page(page) __free_pages((page), 0)
#define free_page(addr) free_pages((addr), 0)

static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

#endif /* __LINUX_GFP_H */
