// Frees of a struct field the freeing function did not fill: the unit's
// own struct, every assignment of the field storing the same allocation
// (in probe/open/init), and the free in remove/release/exit.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

struct ctx {
	void *buf;		/* four pages, by address */
	struct page *rx;	/* one page descriptor */
	void *mixed;		/* pages or slab, depending on the size */
	void *slab;		/* kmalloc'd */
	void *given;		/* someone else's buffer */
	void *va;		/* a page's address, from page_address() */
	void *va_or_given;	/* a page's address, or someone else's */
	void *va_out;		/* a page's address, or what get_va() gives */
	union {
		void *va_u;	/* a page's address, or */
		struct page *pg_u; /* the page itself */
	};
};

void get_va(void **out);

/* The page behind va is kept by the caller; only its address is here. */
void ctx_map(struct ctx *c, struct page *page, void *other)
{
	c->va = page_address(page);
	c->va_or_given = other ? other : page_address(page);
}

/* flagged: __free_page() of a field that only ever holds an address */
void ctx_unmap_bad(struct ctx *c)
{
	__free_page(c->va);
// CHECK: :[[@LINE-1]]:2: warning: 'c->va' is an address, but __free_page() takes a 'struct page *'; free it with free_page() [gfp-page-free-mismatch]
	c->va = NULL;
}

/* silent: the field may hold another pointer */
void ctx_unmap_other(struct ctx *c)
{
	__free_page(c->va_or_given);
}

/* silent: filled through its address too, and a union's member */
void ctx_map_more(struct ctx *c, struct page *page)
{
	c->va_out = page_address(page);
	get_va(&c->va_out);
	c->va_u = page_address(page);
}

void ctx_unmap_more(struct ctx *c)
{
	__free_page(c->va_out);
	__free_page(c->va_u);
}

int ctx_init(struct ctx *c, void *other, size_t n)
{
	c->buf = (void *)__get_free_pages(GFP_KERNEL, 2);
	c->rx = alloc_page(GFP_KERNEL);
	if (n > PAGE_SIZE)
		c->mixed = (void *)__get_free_pages(GFP_KERNEL, 1);
	else
		c->mixed = kmalloc(n, GFP_KERNEL);
	c->slab = kmalloc(n, GFP_KERNEL);
	c->given = other;
	return c->buf && c->rx ? 0 : -ENOMEM;
}

/* flagged: order 0 for a four-page buffer, kfree() for a descriptor */
void ctx_exit(struct ctx *c)
{
	free_page((unsigned long)c->buf);
// CHECK: :[[@LINE-1]]:2: warning: order-2 allocation from __get_free_pages(GFP_KERNEL, 2) freed as order 0; free it with free_pages() and order 2 [gfp-page-free-mismatch]
// CHECK: note: allocated here
	kfree(c->rx);
// CHECK: :[[@LINE-1]]:2: warning: 'c->rx' is a page descriptor{{.*}}but kfree() frees slab and vmalloc memory{{.*}}[gfp-page-free-mismatch]
}

/* silent: the right frees, and fields whose allocations disagree or that
 * hold what someone else gave */
void ctx_exit_ok(struct ctx *c)
{
	free_pages((unsigned long)c->buf, 2);
	__free_page(c->rx);
	kfree(c->mixed);
	kfree(c->slab);
	free_page((unsigned long)c->given);
}
