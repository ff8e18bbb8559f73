// The three page checks on Debian's real linux-headers 6.1 and 6.12:
// gfp-unchecked-atomic-page, gfp-page-as-address and gfp-page-free-mismatch,
// with the real alloc_page() (a function in 6.1, an alloc_hooks() macro over
// alloc_pages_noprof() in 6.12), dev_alloc_page(), page_address() and the
// free functions.
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page,gfp-page-as-address,gfp-page-free-mismatch' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page,gfp-page-as-address,gfp-page-free-mismatch' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/skbuff.h>
#include <linux/scatterlist.h>
#include <linux/printk.h>
#include <linux/hash.h>
#include <linux/dma-mapping.h>

#define labyrinth (void *)alloc_page(GFP_ATOMIC)

struct ring {
	struct page *page;
	void *buf;
	unsigned long addr;
	struct scatterlist sg;
};

/* gfp-unchecked-atomic-page: page_address() of an unchecked atomic page */
static void u_page_address(struct ring *r)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	r->buf = page_address(page);
// CHECK: :[[@LINE-1]]:11: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check; non-sleeping allocations fail under memory pressure [gfp-unchecked-atomic-page]
// CHECK: :[[@LINE-4]]:22: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* gfp-unchecked-atomic-page: a field, then get_page() */
static void u_field(struct ring *r)
{
	r->page = dev_alloc_page();
	get_page(r->page);
// CHECK: :[[@LINE-1]]:11: warning: 'r->page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN is passed to 'get_page', which dereferences it, without a NULL check
}

/* gfp-unchecked-atomic-page: sg_set_page() with GFP_NOWAIT pages */
static void u_sg(struct ring *r)
{
	struct page *p = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 2);

	sg_set_page(&r->sg, p, PAGE_SIZE << 2, 0);
// CHECK: :[[@LINE-1]]:22: warning: 'p' from alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 2) is passed to 'sg_set_page', which dereferences it, without a NULL check
}

/* gfp-unchecked-atomic-page: an address from __get_free_page() written */
static void u_address(void)
{
	unsigned long addr = __get_free_page(GFP_ATOMIC);

	memset((void *)addr, 0, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: 'addr' from __get_free_page(GFP_ATOMIC) is passed to 'memset', which dereferences it, without a NULL check
}

/* gfp-unchecked-atomic-page: an address derived from the unchecked page
 * (page_to_virt() is arithmetic: a NULL page gives a bogus address) */
static void u_derived(struct ring *r, const void *src)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	void *addr = page_to_virt(page);

	memcpy(addr, src, 64);
// CHECK: :[[@LINE-1]]:9: warning: 'addr' from alloc_page(GFP_ATOMIC) is passed to 'memcpy', which dereferences it, without a NULL check
	r->page = page;
}

/* gfp-unchecked-atomic-page and gfp-page-as-address: the allocation
 * itself handed to memset() */
struct hdr {
	int n;
};

static void u_in_place(void)
{
	memset((struct hdr *)alloc_page(GFP_ATOMIC), 0, sizeof(struct hdr));
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_page(GFP_ATOMIC) converted to 'struct hdr *' and used as memory
// CHECK: :[[@LINE-2]]:9: warning: the page from alloc_page(GFP_ATOMIC) is passed to 'memset', which dereferences it, without a NULL check
}

/* gfp-unchecked-atomic-page: stored through an output parameter */
static void u_out(struct hdr **pp)
{
	*pp = (struct hdr *)__get_free_page(GFP_NOWAIT);
	(*pp)->n = 0;
// CHECK: :[[@LINE-1]]:2: warning: '*pp' from __get_free_page(GFP_NOWAIT) is dereferenced without a NULL check
}

/* silent: the checks the kernel writes */
static int ok_checked(struct ring *r)
{
	struct page *p = alloc_page(GFP_ATOMIC);
	struct page *q;

	if (unlikely(!p))
		return -ENOMEM;
	get_page(p);
	q = dev_alloc_pages(1);
	if (WARN_ON_ONCE(!q)) {
		put_page(p);
		return -ENOMEM;
	}
	if ((r->page = alloc_page(GFP_ATOMIC)) == NULL)
		return -ENOMEM;
	r->buf = page_address(r->page);
	memset(page_address(q), 0, PAGE_SIZE << 1);
	__free_pages(q, 1);
	put_page(p);
	return 0;
}

/* silent: GFP_KERNEL, returned, or stored: not this check's business */
static struct page *ok_not_used(struct ring *r)
{
	struct page *p = alloc_page(GFP_KERNEL);

	get_page(p);
	r->page = alloc_page(GFP_ATOMIC);
	return alloc_page(GFP_ATOMIC);
}

/* gfp-page-as-address: the labyrinth */
static void a_labyrinth(struct ring *r)
{
	r->buf = labyrinth;
// CHECK: :[[@LINE-1]]:11: warning: macro 'labyrinth' converts the page descriptor from alloc_page(GFP_ATOMIC) to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
}

/* gfp-page-as-address: a held page used as memory */
static void a_memset(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return;
	memset((void *)page, 0, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: page descriptor 'page' from alloc_page(GFP_KERNEL) converted to 'void *' and used as memory: a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
	__free_page(page);
}

/* gfp-page-as-address: the descriptor mapped for DMA and made an skb head
 * (dma_map_single() is a macro over dma_map_single_attrs()) */
static dma_addr_t a_dma_and_skb(struct device *dev, struct sk_buff **skb)
{
	struct page *page = alloc_page(GFP_KERNEL);
	dma_addr_t dma;

	if (!page)
		return 0;
	dma = dma_map_single(dev, page, PAGE_SIZE, DMA_FROM_DEVICE);
// CHECK: :[[@LINE-1]]:8: warning: page descriptor 'page' from alloc_page(GFP_KERNEL) converted to 'void *' and used as memory
	*skb = build_skb(page, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:19: warning: page descriptor 'page' from alloc_page(GFP_KERNEL) converted to 'void *' and used as memory
	return dma;
}

/* silent: a void * that goes straight back into a descriptor, the
 * descriptor itself as the subject (mm/debug.c's dump), printing and
 * hashing */
static void ok_descriptor(struct page *snap)
{
	struct page *tp = (void *)alloc_page(GFP_KERNEL);

	if (!tp)
		return;
	memcpy(snap, tp, sizeof(*tp));
	pr_info("page %p hash %u\n", (void *)tp, hash_ptr(tp, 8));
	__free_page(tp);
}

/* gfp-page-free-mismatch: a descriptor to free_page(), an address to
 * __free_page(), a descriptor to kfree(), another order */
static void f_mismatch(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);
	struct page *big = alloc_pages(GFP_KERNEL, 3);

	if (!page || !addr || !big)
		return;
	free_page((unsigned long)page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but free_page() takes an address; free it with __free_page() [gfp-page-free-mismatch]
	free_page(addr);
// CHECK: :[[@LINE-1]]:2: warning: order-2 allocation from __get_free_pages(GFP_KERNEL, 2) freed as order 0; free it with free_pages() and order 2 [gfp-page-free-mismatch]
	__free_pages(big, 2);
// CHECK: :[[@LINE-1]]:2: warning: order-3 allocation from alloc_pages(GFP_KERNEL, 3) freed as order 2; free it with __free_pages() and order 3 [gfp-page-free-mismatch]
}

/* gfp-page-free-mismatch: an address from __va() given to __free_pages() */
static void f_va(unsigned long start)
{
	__free_pages(__va(start), 1);
// CHECK: :[[@LINE-1]]:2: warning: '__va(start)' is an address, but __free_pages() takes a 'struct page *'; free it with free_pages() [gfp-page-free-mismatch]
}

static void f_kfree(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	kfree(page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but kfree() {{.*}}[gfp-page-free-mismatch]
}

/* silent: matching pairs, and split_page() making order-0 pages */
static void ok_free(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	unsigned long addr = get_zeroed_page(GFP_KERNEL);
	void *buf = kmalloc(64, GFP_KERNEL);

	if (page) {
		split_page(page, 2);
		__free_page(page);
	}
	free_page(addr);
	kfree(buf);
}

int ring_use(struct ring *r)
{
	u_page_address(r);
	u_field(r);
	u_sg(r);
	u_address();
	u_derived(r, r->buf);
	u_in_place();
	u_out((struct hdr **)&r->buf);
	f_va(r->addr);
	r->page = ok_not_used(r);
	a_labyrinth(r);
	a_memset();
	a_dma_and_skb(NULL, NULL);
	ok_descriptor(r->page);
	f_mismatch();
	f_kfree();
	ok_free();
	return ok_checked(r);
}
MODULE_LICENSE("GPL");
