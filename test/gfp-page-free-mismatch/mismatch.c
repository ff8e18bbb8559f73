// Pages freed through the wrong API, and the right frees that must stay
// silent, on both header shapes. Each function says which it is.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/skbuff.h>

#define RX_ORDER 2
#define labyrinth (void *)alloc_page(GFP_ATOMIC)

struct bar_priv {
	unsigned long buf;
	struct page *page;
};

/* flagged: a descriptor given to free_page() */
static void m_desc_to_free_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return;
	free_page((unsigned long)page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but free_page() takes an address; free it with __free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-6]]:22: note: allocated here by alloc_page(GFP_KERNEL)
}

/* flagged: a higher-order descriptor given to free_pages() */
static void m_desc_to_free_pages(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (page)
		free_pages((unsigned long)page, 2);
// CHECK: :[[@LINE-1]]:3: warning: 'page' is a page descriptor from alloc_pages(GFP_KERNEL, 2), but free_pages() takes an address; free it with __free_pages() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-5]]:22: note: allocated here by alloc_pages(GFP_KERNEL, 2)
}

/* flagged: a descriptor given to kfree() */
static void m_desc_to_kfree(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	kfree(page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but kfree() frees slab and vmalloc memory; free it with __free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-4]]:22: note: allocated here by alloc_page(GFP_KERNEL)
}

/* flagged: an argument too long to quote is named "the value" */
static void m_long_arg(struct page *descriptor_of_the_first_receive_page_here)
{
	vfree(descriptor_of_the_first_receive_page_here);
// CHECK: :[[@LINE-1]]:2: warning: the value is a page descriptor, but vfree() frees slab and vmalloc memory; free it with __free_pages() [gfp-page-free-mismatch]
}

/* flagged: whatever its origin, a descriptor is not vmalloc memory */
static void m_desc_to_vfree(struct page *page)
{
	vfree(page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor, but vfree() frees slab and vmalloc memory; free it with __free_pages() [gfp-page-free-mismatch]
}

/* flagged: an address given to __free_page() */
static void m_addr_to_free_page(void)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);

	if (!addr)
		return;
	__free_page((struct page *)addr);
// CHECK: :[[@LINE-1]]:2: warning: 'addr' is an address from __get_free_page(GFP_KERNEL), but __free_page() takes a 'struct page *'; free it with free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-6]]:23: note: allocated here by __get_free_page(GFP_KERNEL)
}

/* flagged: page_address() gives an address, not a descriptor */
static void m_page_address_to_free_page(struct page *page)
{
	__free_page(page_address(page));
// CHECK: :[[@LINE-1]]:2: warning: 'page_address(page)' is an address, but __free_page() takes a 'struct page *'; free it with free_page() [gfp-page-free-mismatch]
}

/* flagged: an address given to kfree() */
static void m_addr_to_kfree(void)
{
	unsigned long addr = get_zeroed_page(GFP_KERNEL);

	kfree((void *)addr);
// CHECK: :[[@LINE-1]]:2: warning: 'addr' is an address from get_zeroed_page(GFP_KERNEL), but kfree() frees slab and vmalloc memory; free it with free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-4]]:23: note: allocated here by get_zeroed_page(GFP_KERNEL)
}

/* flagged: allocated with order 2, freed with order 0 */
static void m_order(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (page)
		__free_pages(page, 0);
// CHECK: :[[@LINE-1]]:3: warning: order-2 allocation from alloc_pages(GFP_KERNEL, 2) freed as order 0; free it with __free_pages() and order 2 [gfp-page-free-mismatch]
// CHECK: :[[@LINE-5]]:22: note: allocated here by alloc_pages(GFP_KERNEL, 2)
}

/* flagged: __free_page() frees order 0 */
static void m_order_single(void)
{
	struct page *page = alloc_pages(GFP_ATOMIC, 1);

	if (page)
		__free_page(page);
// CHECK: :[[@LINE-1]]:3: warning: order-1 allocation from alloc_pages(GFP_ATOMIC, 1) freed as order 0; free it with __free_pages() and order 1 [gfp-page-free-mismatch]
// CHECK: :[[@LINE-5]]:22: note: allocated here by alloc_pages(GFP_ATOMIC, 1)
}

/* flagged: address orders differ */
static void m_addr_order(void)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 3);

	free_pages(addr, 2);
// CHECK: :[[@LINE-1]]:2: warning: order-3 allocation from __get_free_pages(GFP_KERNEL, 3) freed as order 2; free it with free_pages() and order 3 [gfp-page-free-mismatch]
// CHECK: :[[@LINE-4]]:23: note: allocated here by __get_free_pages(GFP_KERNEL, 3)
}

/* flagged: the error path reached by goto frees the wrong way */
static int m_goto(struct bar_priv *priv)
{
	struct page *page;

	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	priv->buf = __get_free_page(GFP_KERNEL);
	if (!priv->buf)
		goto err_page;
	priv->page = page;
	return 0;
err_page:
	free_page((unsigned long)page);
// CHECK: :[[@LINE-1]]:2: warning: 'page' is a page descriptor from alloc_page(GFP_KERNEL), but free_page() takes an address; free it with __free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-11]]:9: note: allocated here by alloc_page(GFP_KERNEL)
	return -ENOMEM;
}

/* flagged: a member path that holds an address */
static void m_member(struct bar_priv *priv)
{
	priv->buf = __get_free_page(GFP_KERNEL);
	__free_page((struct page *)priv->buf);
// CHECK: :[[@LINE-1]]:2: warning: 'priv->buf' is an address from __get_free_page(GFP_KERNEL), but __free_page() takes a 'struct page *'; free it with free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-3]]:14: note: allocated here by __get_free_page(GFP_KERNEL)
}

/* flagged: the labyrinth macro gives a descriptor, whatever its type says */
static void m_labyrinth(void)
{
	void *buf = labyrinth;

	free_page((unsigned long)buf);
// CHECK: :[[@LINE-1]]:2: warning: 'buf' is a page descriptor from alloc_page(GFP_ATOMIC), but free_page() takes an address; free it with __free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-4]]:14: note: allocated here by alloc_page(GFP_ATOMIC)
// CHECK: :[[@LINE-152]]:27: note: expanded from macro 'labyrinth'
}

/* flagged: dev_alloc_pages() keeps the order it was given */
static void m_dev_alloc_pages(void)
{
	struct page *page = dev_alloc_pages(RX_ORDER);

	if (page)
		__free_page(page);
// CHECK: :[[@LINE-1]]:3: warning: order-2 allocation from dev_alloc_pages(RX_ORDER) with GFP_ATOMIC | __GFP_NOWARN freed as order 0; free it with __free_pages() and order 2 [gfp-page-free-mismatch]
// CHECK: :[[@LINE-5]]:22: note: allocated here by dev_alloc_pages(RX_ORDER) with GFP_ATOMIC | __GFP_NOWARN
}

/* silent: the four right pairs */
static void s_pairs(void)
{
	struct page *a = alloc_page(GFP_KERNEL);
	struct page *b = alloc_pages(GFP_KERNEL, RX_ORDER);
	unsigned long c = __get_free_page(GFP_KERNEL);
	unsigned long d = get_zeroed_page(GFP_KERNEL);
	unsigned long e = __get_free_pages(GFP_KERNEL, 1);

	if (a)
		__free_page(a);
	if (b)
		__free_pages(b, RX_ORDER);
	free_page(c);
	free_page(d);
	free_pages(e, 1);
}

/* silent: virt_to_page() turns an address into its descriptor */
static void s_virt_to_page(void)
{
	unsigned long addr = __get_free_page(GFP_KERNEL);

	if (addr)
		__free_page(virt_to_page(addr));
}

/* silent: page_address() turns a descriptor into its address */
static void s_page_address(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (page)
		free_page((unsigned long)page_address(page));
}

/* silent: the same variable order on both sides */
static void s_variable_order(unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL, order);

	if (page)
		__free_pages(page, order);
}

/* silent: an opaque element converted back, as mm/mempool.c does */
static void s_cookie(void *element, void *pool_data)
{
	__free_pages(element, (int)(long)pool_data);
}

/* silent: slab memory to kfree() */
static void s_kfree(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	kfree(p);
}

/* silent: reassigned before the free, so the origin is unknown */
static void s_reassigned(struct bar_priv *priv)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	page = priv->page;
	__free_page(page);
}

/* silent: put_page() drops a reference, of any order */
static void s_put_page(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	if (page)
		put_page(page);
}

/* silent: different allocations on different paths */
static void s_mixed(int big)
{
	struct page *page;

	if (big)
		page = alloc_pages(GFP_KERNEL, 2);
	else
		page = alloc_page(GFP_KERNEL);
	if (page)
		__free_pages(page, big ? 2 : 0);
}

/* silent: an order computed at run time */
static void s_runtime_order(unsigned long size, unsigned int shift)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 2);

	free_pages(addr, size >> shift);
}

/* flagged: a single page freed as order 1 */
static void m_order_zero(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (page)
		__free_pages(page, 1);
// CHECK: :[[@LINE-1]]:3: warning: order-0 allocation from alloc_page(GFP_ATOMIC) freed as order 1; free it with __free_page() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-5]]:22: note: allocated here by alloc_page(GFP_ATOMIC)
}
