// The memory manager's own files (mm/ and arch/*/mm/) treat descriptors as
// memory on purpose: page_init_poison() poisons the memory map and
// __dump_page() copies a descriptor. The default IgnoredHeaderRegex leaves
// them alone; the same code in a driver is reported.
//
// RUN: rm -rf %t.d && mkdir -p %t.d/mm %t.d/arch/x86/mm %t.d/drivers/foo
// RUN: %strip_checks %s > %t.d/mm/debug.c
// RUN: cp %t.d/mm/debug.c %t.d/arch/x86/mm/init.c
// RUN: cp %t.d/mm/debug.c %t.d/drivers/foo/foo_debug.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.d/mm/debug.c %t.d/arch/x86/mm/init.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MM --allow-empty
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.d/drivers/foo/foo_debug.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DRIVER
// MM-NOT: warning:
// DRIVER: foo_debug.c:[[@LINE+8]]:9: warning: page descriptor 'page' converted to 'void *' and used as memory

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/mm.h>

void poison_pages(struct page *page, size_t size)
{
	memset(page, 0xaa, size);
}
