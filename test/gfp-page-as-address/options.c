// The options of gfp-page-as-address, each run with and without it.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEFAULT --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.MemoryFunctions: 'bar_fill;bar_poke'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=MEMFN --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.DescriptorTypes: 'page'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=DESC --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.IgnoredFunctions: 'bar_page_to_buf'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --allow-empty --check-prefix=IGNORED --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {Allocators: 'bar_pool_get:page:-1:-1'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=ALLOC --implicit-check-not='{{warning|error}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.IgnoredHeaderRegex: '(unclosed'}}" \
// RUN:   %t.c -- %kflags 2>&1 | FileCheck %s --check-prefix=BADREGEX
// The options round-trip through --dump-config.
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.MemoryFunctions: 'bar_fill'}}" \
// RUN:   --dump-config | FileCheck %s --check-prefix=DUMP

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

struct bar_pool;
struct page *bar_pool_get(struct bar_pool *pool);
void bar_fill(void *buf, size_t len);

/* MemoryFunctions: bar_fill writes through its buffer */
static void bar_mem(struct page *page)
{
	bar_fill((void *)page, PAGE_SIZE);
// MEMFN: :[[@LINE-1]]:11: warning: page descriptor 'page' converted to 'void *' and used as memory
}

/* DescriptorTypes: without folio, a folio pointer made from a page and
 * dereferenced is a use as memory */
static unsigned long bar_folio_flags(struct page *page)
{
	return ((struct folio *)page)->flags;
// DESC: :[[@LINE-1]]:10: warning: page descriptor 'page' converted to 'struct folio *' and used as memory
}

/* IgnoredFunctions: a driver's own page-to-buffer helper */
static void bar_page_to_buf(struct page *page)
{
	memset((void *)page, 0, PAGE_SIZE);
// DEFAULT: :[[@LINE-1]]:9: warning: page descriptor 'page' converted to 'void *' and used as memory
// MEMFN: :[[@LINE-2]]:9: warning: page descriptor 'page'
// DESC: :[[@LINE-3]]:9: warning: page descriptor 'page'
// ALLOC: :[[@LINE-4]]:9: warning: page descriptor 'page'
}

/* Allocators: an allocator defined in another translation unit */
static void *bar_pool_buf(struct bar_pool *pool)
{
	return (void *)bar_pool_get(pool);
// ALLOC: :[[@LINE-1]]:9: warning: the page descriptor from bar_pool_get(pool) converted to 'void *'
}

// IGNORED-NOT: warning:
// BADREGEX: warning: invalid regular expression in 'gfp-page-as-address.IgnoredHeaderRegex'
// BADREGEX: :[[@LINE-16]]:9: warning: page descriptor 'page'

// DUMP: gfp-page-as-address.DescriptorTypes: 'page;folio;slab;ptdesc;zpdesc'
// DUMP: gfp-page-as-address.IgnoredFunctions: 'page_address;lowmem_page_address;page_to_virt;kmap;kmap_local_page;kmap_atomic;page_to_phys;page_to_pfn'
// DUMP: gfp-page-as-address.IgnoredHeaderRegex: '(^|/)include/linux/
// DUMP: gfp-page-as-address.MemoryFunctions: bar_fill
