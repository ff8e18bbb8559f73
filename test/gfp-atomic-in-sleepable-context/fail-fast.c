// GFP_ATOMIC | __GFP_NOWARN in a loop that tries smaller on failure means
// "fail fast" (dccp's hash tables, caif_virtio's pool): the advice, and the
// fix-it, keep that intent with __GFP_NORETRY instead of the reserves.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: cp %t.c %t.fix.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' --fix %t.fix.c -- %kflags612 > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=FIXED < %t.fix.c

#include <linux/gfp.h>
#include <linux/mutex.h>
#include <linux/slab.h>

static DEFINE_MUTEX(table_lock);
static void *table;

/* flagged, with the fail-fast advice */
static int table_alloc(unsigned long size)
{
	mutex_lock(&table_lock);
	do {
		table = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(size, GFP_ATOMIC | __GFP_NOWARN) dips into the atomic reserves to fail fast, but this code may sleep; use GFP_KERNEL | __GFP_NORETRY, which fails fast without them
// CHECK: note: 'table_alloc' may sleep: it calls 'mutex_lock' here with no lock held
// FIXED: table = kmalloc(size, GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
		size /= 2;
	} while (!table && size >= 4096);
	mutex_unlock(&table_lock);
	return table ? 0 : -12;
}

/* flagged, with the plain advice: no loop */
static int table_alloc_once(unsigned long size)
{
	mutex_lock(&table_lock);
	table = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(size, GFP_ATOMIC | __GFP_NOWARN) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers
// CHECK: note: 'table_alloc_once' may sleep: it calls 'mutex_lock' here with no lock held
// FIXED: table = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);
	mutex_unlock(&table_lock);
	return table ? 0 : -12;
}

int table_init(unsigned long size)
{
	return table_alloc(size) ?: table_alloc_once(size);
}
