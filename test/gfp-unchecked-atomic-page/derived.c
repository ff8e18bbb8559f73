// Uses the page's NULL check must cover that do not dereference the page
// itself: an address derived from it (page_to_virt() and page_to_phys() are
// arithmetic, so a NULL page gives a bogus address that is then written),
// and the allocation handed straight to a function that writes through it.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

struct hdr {
	int n;
};

/* flagged: page_to_virt() of an unchecked page, then written */
void d_virt(const void *src)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	void *addr;

	addr = page_to_virt(page);
	memcpy(addr, src, 64);
// CHECK: :[[@LINE-1]]:9: warning: 'addr' from alloc_page(GFP_ATOMIC) is passed to 'memcpy', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* flagged: a physical address turned back into a pointer */
void d_phys(void)
{
	struct page *page = alloc_pages(GFP_NOWAIT, 1);
	unsigned long phys = page_to_phys(page);
	char *p = __va(phys);

	p[0] = 0;
// CHECK: :[[@LINE-1]]:2: warning: 'p' from alloc_pages(GFP_NOWAIT, 1) is dereferenced without a NULL check
// CHECK: note: page allocated here by alloc_pages(GFP_NOWAIT, 1)
}

/* flagged: the allocation straight into memset() */
void d_in_place(void)
{
	memset((struct hdr *)alloc_page(GFP_ATOMIC), 0, sizeof(struct hdr));
// CHECK: :[[@LINE-1]]:9: warning: the page from alloc_page(GFP_ATOMIC) is passed to 'memset', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
}

/* silent: checked before the address is made */
void ok_checked(const void *src)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	void *addr;

	if (!page)
		return;
	addr = page_to_virt(page);
	memcpy(addr, src, 64);
}

/* silent: a frame number is not used as memory */
unsigned long ok_pfn(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	unsigned long pfn = page_to_pfn(page);

	return pfn;
}

/* silent: GFP_KERNEL is not this check's (AllAllocations is off) */
void ok_kernel(const void *src)
{
	struct page *page = alloc_page(GFP_KERNEL);

	memcpy(page_to_virt(page), src, 64);
}

/* flagged: the result stored through a pointer to a local */
struct hdr_box {
	struct hdr *h;
};

void d_out_param(struct hdr **pp)
{
	*pp = (struct hdr *)__get_free_page(GFP_NOWAIT);
	(*pp)->n = 0;
// CHECK: :[[@LINE-1]]:2: warning: '*pp' from __get_free_page(GFP_NOWAIT) is dereferenced without a NULL check
// CHECK: note: page allocated here by __get_free_page(GFP_NOWAIT)
}

/* silent: the same, checked through the pointer */
int ok_out_param(struct hdr **pp)
{
	*pp = (struct hdr *)__get_free_page(GFP_NOWAIT);
	if (!*pp)
		return -ENOMEM;
	(*pp)->n = 0;
	return 0;
}
