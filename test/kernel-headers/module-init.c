// module_init() of a function that is not marked __init, on Debian's real
// linux-headers 6.1 and 6.12 (a module build: module_init() makes an
// __inittest() that returns the function, and an init_module alias).
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/module.h>
#include <linux/init.h>
#include <linux/slab.h>

static u32 *mi_table;

static int mi_setup(void)
{
	mi_table = kcalloc(4096, sizeof(u32), GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:13: warning: kcalloc(4096, sizeof(u32), GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE+10]]:1: note: 'mi_setup' may sleep: init function registered with module_init here
	return mi_table ? 0 : -ENOMEM;
}

static void mi_teardown(void)
{
	kfree(mi_table);
}

module_exit(mi_teardown);
module_init(mi_setup);
MODULE_LICENSE("GPL");
