// Conversions of a page descriptor to a data pointer or an integer that
// gfp-page-as-address reports, in plain driver code, on both header shapes.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 -Wno-incompatible-pointer-types 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 -Wno-incompatible-pointer-types 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/uaccess.h>

struct foo_priv {
	struct page *rx_page;
	void *cookie;
	u8 *va;
};

/* flagged: the allocation is cast in place */
static void *foo_get_buf(void)
{
	return (void *)alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_page(GFP_KERNEL) converted to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
}

/* flagged: a typed pointer to a higher-order allocation */
static u8 *foo_get_ring(void)
{
	return (u8 *)alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 2) converted to 'u8 *': a 'struct page *' is not the page's memory; use __get_free_pages() to allocate an address [gfp-page-as-address]
}

/* flagged: an implicit conversion, then used as memory */
static void *foo_implicit(void)
{
	void *buf = alloc_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:14: warning: the page descriptor from alloc_page(GFP_ATOMIC) converted to 'void *' and used as memory: a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
// CHECK: :[[@LINE+3]]:3: note: used as memory here

	if (buf)
		memset(buf, 0, PAGE_SIZE);
	return buf;
}

/* flagged: an implicit conversion to a typed pointer (the compiler only
 * warns) */
static u8 *foo_implicit_typed(void)
{
	u8 *buf = alloc_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: the page descriptor from alloc_page(GFP_ATOMIC) converted to 'u8 *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
	return buf;
}

/* flagged: an integer is not the page's address either */
static unsigned long foo_addr(void)
{
	return (unsigned long)alloc_page(GFP_KERNEL);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_page(GFP_KERNEL) converted to 'unsigned long': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
}

/* flagged: node allocations have no address twin, so no fix is offered */
static void *foo_node_buf(int nid)
{
	return (void *)alloc_pages_node(nid, GFP_ATOMIC, 0);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_pages_node(nid, GFP_ATOMIC, 0) converted to 'void *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
}

/* flagged: the Rx helper returns a descriptor like alloc_page() does */
static void *foo_rx_buf(void)
{
	return (void *)dev_alloc_page();
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN converted to 'void *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
}

/* flagged: a local that holds an allocation, then used as memory */
static int foo_fill(const void *src, size_t len)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	memcpy((void *)page, src, len);
// CHECK: :[[@LINE-1]]:9: warning: page descriptor 'page' from alloc_page(GFP_KERNEL) converted to 'void *' and used as memory: a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-6]]:22: note: page allocated here by alloc_page(GFP_KERNEL)
// CHECK: :[[@LINE-3]]:2: note: used as memory here
	__free_page(page);
	return 0;
}

/* flagged: a member path that holds an allocation, cast to a typed pointer */
static int foo_rx_refill(struct foo_priv *priv)
{
	priv->rx_page = dev_alloc_page();
	if (!priv->rx_page)
		return -ENOMEM;
	priv->va = (u8 *)priv->rx_page;
// CHECK: :[[@LINE-1]]:13: warning: page descriptor 'priv->rx_page' from dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN converted to 'u8 *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-5]]:18: note: page allocated here by dev_alloc_page() with GFP_ATOMIC | __GFP_NOWARN
	return 0;
}

/* flagged: whatever its origin, a descriptor cleared as a page of data */
static void foo_clear(struct page *page)
{
	memset((void *)page, 0, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: page descriptor 'page' converted to 'void *' and used as memory: a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-2]]:2: note: used as memory here
}

/* flagged: copied out to user space, through an implicit conversion */
static long foo_read(struct page *page, void __user *ubuf, size_t len)
{
	if (copy_to_user(ubuf, page, len))
// CHECK: :[[@LINE-1]]:25: warning: page descriptor 'page' converted to 'const void *' and used as memory: a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-2]]:6: note: used as memory here
		return -EFAULT;
	return len;
}

/* flagged: indexed through a local that holds only the converted value */
static void foo_poke(struct page *page)
{
	char *p = (char *)page;
// CHECK: :[[@LINE-1]]:12: warning: page descriptor 'page' converted to 'char *' and used as memory: a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE+2]]:2: note: used as memory here

	p[3] = 0;
}

/* flagged: a driver's own wrapper is an allocator too */
static struct page *foo_alloc_rx_page(gfp_t gfp)
{
	return alloc_pages(gfp | __GFP_COMP, 0);
}

static void *foo_wrapped(void)
{
	return (void *)foo_alloc_rx_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from foo_alloc_rx_page(GFP_ATOMIC) converted to 'void *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
}

/* flagged: an error path reached by goto does not change what the cast is */
static int foo_goto(struct foo_priv *priv, const void *src)
{
	struct page *page;
	u8 *va;

	page = alloc_page(GFP_KERNEL);
	if (!page)
		goto err;
	va = (u8 *)page;
// CHECK: :[[@LINE-1]]:7: warning: page descriptor 'page' from alloc_page(GFP_KERNEL) converted to 'u8 *': a 'struct page *' is not the page's memory; use page_address() for the page's memory [gfp-page-as-address]
// CHECK: :[[@LINE-5]]:9: note: page allocated here by alloc_page(GFP_KERNEL)
	priv->va = va;
	return 0;
err:
	return -ENOMEM;
}

/* flagged: in a loop that refills a ring */
static int foo_ring_fill(void **bufs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		bufs[i] = (void *)alloc_page(GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:13: warning: the page descriptor from alloc_page(GFP_ATOMIC) converted to 'void *': a 'struct page *' is not the page's memory; use __get_free_page() to allocate an address [gfp-page-as-address]
		if (!bufs[i])
			break;
	}
	return i;
}

/* flagged: an offset added to the descriptor still points into it */
static void foo_rx_header(struct page *page, unsigned int off)
{
	u8 *eth = (u8 *)page + off;
// CHECK: :[[@LINE-1]]:12: warning: page descriptor 'page' converted to 'u8 *' and used as memory
	eth[12] = 0x08;
// CHECK: :[[@LINE-1]]:2: note: used as memory here
}

struct foo_desc {
	unsigned long flags;
	struct page page;
};

/* silent: container_of() subtracts, a view of the memory map itself */
static unsigned long foo_desc_flags(struct page *page)
{
	struct foo_desc *d = (struct foo_desc *)((char *)page -
						 __builtin_offsetof(struct foo_desc, page));

	return d->flags;
}

struct foo_span {
	u8 *start;
	u8 *end;
};

/* silent: the end of a span computed from a held page, never used */
static void foo_span_end(struct foo_span *s, unsigned int len)
{
	struct page *held = alloc_page(GFP_KERNEL);

	if (!held)
		return;
	s->end = (u8 *)held + len;
	__free_page(held);
}

unsigned long foo_offsets(struct page *page)
{
	foo_span_end(NULL, 0);
	foo_rx_header(page, 14);
	return foo_desc_flags(page);
}
