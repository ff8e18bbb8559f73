// Valid but odd input: allocators declared without prototypes, called
// through pointers, or with missing arguments; descriptors of an incomplete
// struct page. Nothing crashes, and what is certain is still reported.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- -std=gnu11 -nostdinc \
// RUN:   -Wno-deprecated-non-prototype 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

typedef unsigned int gfp_t;
struct page;
struct page *alloc_pages();
struct page *(*page_getter)(gfp_t, unsigned int);
void *memset(void *, int, unsigned long);

/* No GFP bits and no flags at all: still an allocation of a descriptor. */
static void *odd_no_args(void)
{
	return (void *)alloc_pages();
// CHECK: :[[@LINE-1]]:9: warning: the page descriptor from alloc_pages() converted to 'void *'
}

/* silent: a call through a pointer is not a known allocator */
static void *odd_pointer(void)
{
	return (void *)page_getter(0x20u, 0);
}

/* An incomplete struct page is still a page descriptor. */
static void odd_incomplete(struct page *p)
{
	memset((char *)p, 0, 4096);
// CHECK: :[[@LINE-1]]:9: warning: page descriptor 'p' converted to 'char *' and used as memory
// CHECK: :[[@LINE-2]]:2: note: used as memory here
}

/* A recursive wrapper does not loop forever. */
static struct page *odd_recursive(gfp_t gfp, int n)
{
	if (n)
		return odd_recursive(gfp, n - 1);
	return alloc_pages(gfp, 0);
}

static void *odd_use_recursive(void)
{
	return (void *)odd_recursive(0x20u, 3);
}
