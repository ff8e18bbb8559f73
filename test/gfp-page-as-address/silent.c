// Correct code that converts or passes page descriptors and must stay
// silent. Each function says why. FileCheck sees no diagnostic at all.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --allow-empty --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

struct bar_priv {
	struct page *rx_page;
	void *cookie;
	unsigned long hash;
};

/* silent: page_address() is the page's memory */
static void *bar_buf(void)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return NULL;
	return page_address(page);
}

/* silent: __get_free_page() returns an address already */
static void *bar_addr(void)
{
	return (void *)__get_free_page(GFP_ATOMIC);
}

/* silent: the descriptor stored as an opaque cookie and read back */
static void bar_cookie(struct bar_priv *priv)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!page)
		return;
	priv->cookie = page;
	page = priv->cookie;
	__free_page(page);
}

/* silent: a descriptor returned as an opaque element, as mm/mempool.c's
 * mempool_alloc_pages() does; mempool_free_pages() converts it back */
static void *bar_pool_alloc(gfp_t gfp_mask, void *pool_data)
{
	int order = (int)(long)pool_data;

	return alloc_pages(gfp_mask, order);
}

static void bar_pool_free(void *element, void *pool_data)
{
	__free_pages(element, (int)(long)pool_data);
}

/* silent: hashing and printing the descriptor's address */
static void bar_hash(struct bar_priv *priv, struct page *page)
{
	priv->hash = hash_ptr(page, 8);
	priv->hash ^= (unsigned long)page;
	pr_info("page %p\n", page);
}

/* silent: a folio overlays the head page */
static struct folio *bar_folio(struct page *page)
{
	return (struct folio *)page;
}

/* silent: through void * to a folio, as mm/hugetlb.c does */
static void bar_folio_via_void(struct page *page)
{
	struct folio *folio = (void *)page;

	folio->flags = 0;
}

/* silent: initialising the descriptor itself, with its own size */
static void bar_reset(struct page *page)
{
	memset(page, 0, sizeof(*page));
	memset((void *)page, 0, sizeof(struct page));
}

/* silent: arithmetic on descriptors in the memory map */
static long bar_index(struct page *base)
{
	struct page *page = alloc_page(GFP_KERNEL);

	return (char *)page - (char *)base;
}

/* silent: a mapped page is memory */
static void bar_kmap(struct page *page, const void *src)
{
	void *va = kmap_local_page(page);

	memcpy(va, src, 64);
	kunmap_local(va);
}

/* silent: sizeof() does not evaluate its operand */
static unsigned long bar_sizeof(void)
{
	return sizeof((void *)alloc_page(GFP_KERNEL));
}

/* silent: a descriptor passed where the callee takes a cookie */
static void bar_prefetch(struct bar_priv *priv)
{
	priv->rx_page = dev_alloc_page();
	if (priv->rx_page)
		__builtin_prefetch(priv->rx_page);
}

/* silent: an unknown descriptor converted but not used as memory */
static void *bar_unknown(struct page *page)
{
	void *p = (void *)page;

	return p;
}

/* silent: the alias is redefined, so its uses are not only the descriptor */
static void bar_alias_redefined(struct page *page, char *other)
{
	char *p = (char *)page;

	p = other;
	p[0] = 1;
}

/* silent: scatterlists take the descriptor itself */
static void bar_sg(struct scatterlist *sg)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (page)
		sg_set_page(sg, page, PAGE_SIZE, 0);
}

/* silent: the address allocator's result is an address, through a local */
static void bar_zeroed(void)
{
	unsigned long addr = get_zeroed_page(GFP_KERNEL);
	char *p = (char *)addr;

	if (p)
		p[0] = 1;
	free_page(addr);
}

/* silent: converting the other way, a cookie back to a descriptor */
static struct page *bar_back(void *cookie)
{
	return (struct page *)cookie;
}

/* silent: a bool test of the descriptor is not an integer conversion */
static bool bar_test(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	bool ok = page;

	if (ok)
		__free_page(page);
	return ok;
}

/* silent: a '(void *)' that goes straight back into a descriptor: nothing
 * uses it as memory */
static struct page *bar_void_back(void)
{
	struct page *tp = (void *)alloc_page(GFP_KERNEL);

	return tp;
}
