/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: the 6.10+ shape, where the
 * Rx page allocators are macros over alloc_hooks(). */
#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/mm.h>

struct sk_buff {
	unsigned int len;
	unsigned char *data;
};

void skb_add_rx_frag(struct sk_buff *skb, int i, struct page *page, int off,
		     int size, unsigned int truesize);
void *skb_put_data(struct sk_buff *skb, const void *data, unsigned int len);

static inline struct page *__dev_alloc_pages_noprof(gfp_t gfp_mask,
						    unsigned int order)
{
	gfp_mask |= __GFP_COMP | __GFP_MEMALLOC;

	return alloc_pages_node_noprof(NUMA_NO_NODE, gfp_mask, order);
}
#define __dev_alloc_pages(...)	alloc_hooks(__dev_alloc_pages_noprof(__VA_ARGS__))

/*
 * A macro, so that the allocation is accounted to the caller's tag.
 */
#define dev_alloc_pages(_order) __dev_alloc_pages(GFP_ATOMIC | __GFP_NOWARN, _order)

static inline struct page *__dev_alloc_page_noprof(gfp_t gfp_mask)
{
	return __dev_alloc_pages_noprof(gfp_mask, 0);
}
#define __dev_alloc_page(...)	alloc_hooks(__dev_alloc_page_noprof(__VA_ARGS__))

#define dev_alloc_page()	dev_alloc_pages(0)

#endif /* _LINUX_SKBUFF_H */
