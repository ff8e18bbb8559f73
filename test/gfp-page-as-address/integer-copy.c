// A descriptor kept as an integer (`p->addr = (unsigned long)p->pg`) and
// turned back into a pointer that is written: the same mistake, one step
// removed. An integer copy that is only hashed or printed stays silent.
// (A copy made in one function and written through in another is not
// followed: see the check's known limits.)
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

struct priv {
	unsigned long addr;
	struct page *pg;
};

/* flagged: the integer copy written through */
void f_integer_copy(struct priv *p)
{
	p->pg = alloc_page(GFP_KERNEL);
	if (!p->pg)
		return;
	p->addr = (unsigned long)p->pg;
	memset((void *)p->addr, 0, 64);
// CHECK: :[[@LINE-1]]:9: warning: page descriptor 'p->addr' from alloc_page(GFP_KERNEL) converted to 'void *' and used as memory
// CHECK: note: page allocated here by alloc_page(GFP_KERNEL)
// CHECK: note: used as memory here
}

/* silent: the integer copy only hashed */
unsigned long ok_integer_hash(struct priv *p)
{
	p->pg = alloc_page(GFP_KERNEL);
	p->addr = (unsigned long)p->pg;
	return p->addr >> 6;
}
