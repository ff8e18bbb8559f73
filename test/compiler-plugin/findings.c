// The compiler plugin prints the checks' findings and notes as the compiler's
// warnings, in the clang-tidy checks' words and with their names; NOLINT
// comments suppress as in clang-tidy; the unit still compiles.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %strip_checks %s > %t/t.c
// RUN: %gfpcc -c %t/t.c -o %t/t.o %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: test -s %t/t.o
//
// Options: a check set, and an option as a .clang-tidy would give it.
// RUN: %gfpcc -fplugin-arg-gfp-checks=-*,gfp-page-as-address -c %t/t.c -o %t/t.o %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONE --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfpcc '-fplugin-arg-gfp-config={CheckOptions: {gfp-unchecked-atomic-page.AllAllocations: true}}' \
// RUN:   -fplugin-arg-gfp-checks=-*,gfp-unchecked-atomic-page -c %t/t.c -o %t/t.o %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ALL --implicit-check-not='{{warning|error|note}}:'
//
// clang-tidy's WarningsAsErrors makes them errors and fails the compile;
// the compiler's -Werror does not (the kernel's CONFIG_WERROR builds go on);
// -w silences them.
// RUN: not %gfpcc '-fplugin-arg-gfp-config={WarningsAsErrors: gfp-sleeping-*}' -c %t/t.c -o %t/t.o %kflags612 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WERROR
// RUN: %gfpcc -Werror -c %t/t.c -o %t/t.o %kflags612 2>&1 | FileCheck %s
// RUN: %gfpcc -w -c %t/t.c -o %t/t.o %kflags612 2>&1 | count 0

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct ring {
	spinlock_t lock;
	void *buf;
	struct page *pg;
};

void ring_fill(struct ring *r)
{
	spin_lock(&r->lock);
	r->buf = kmalloc(64, GFP_KERNEL);
// CHECK: t.c:[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: t.c:[[@LINE-3]]:2: note: atomic context begins here: spin_lock
// WERROR: t.c:[[@LINE-3]]:11: error: kmalloc(64, GFP_KERNEL) may sleep {{.*}}[gfp-sleeping-alloc-in-atomic-context]
// WERROR: t.c:{{.*}} warning: {{.*}}[gfp-page-as-address]
	spin_unlock(&r->lock);
}

void ring_fill_quiet(struct ring *r)
{
	spin_lock(&r->lock);
	r->buf = kmalloc(64, GFP_KERNEL); // NOLINT(gfp-sleeping-alloc-in-atomic-context)
	spin_unlock(&r->lock);
}

void ring_clear(struct ring *r)
{
	void *p = (void *)alloc_page(GFP_ATOMIC);
// CHECK: t.c:[[@LINE-1]]:12: warning: {{.*}}[gfp-page-as-address]
// ONE:   t.c:[[@LINE-2]]:12: warning: {{.*}}[gfp-page-as-address]
// CHECK: note:
// ONE:   note:

	if (p)
		memset(p, 0, 64);
}

void ring_take(struct ring *r)
{
	r->pg = alloc_page(GFP_KERNEL);
	r->pg->flags = 0;
// ALL: t.c:[[@LINE-1]]:2: warning: {{.*}}[gfp-unchecked-atomic-page]
// ALL: note:
}
