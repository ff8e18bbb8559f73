// One condition chooses both the allocation and the free: when it is the
// same expression, on variables nothing assigns in between, the free in a
// branch frees what the same branch allocated (a fixed I/O window or pages
// from __get_free_pages(), as in older ISA and DMA buffer code).
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-page-free-mismatch' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>

void *ioremap(unsigned long phys, unsigned long size);
void iounmap(void *addr);

#define BUF_ORDER 2

/* flagged: the else branch frees __get_free_pages() memory with kfree() */
static int c_window_setup(unsigned long phys, bool fixed)
{
	void *v;

	if (fixed)
		v = ioremap(phys, PAGE_SIZE << BUF_ORDER);
	else
		v = (void *)__get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER);
	if (!v)
		return -ENOMEM;

	if (fixed)
		iounmap(v);
	else
		kfree(v);
// CHECK: :[[@LINE-1]]:3: warning: 'v' is an address from __get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER), but kfree() frees slab and vmalloc memory; free it with free_pages() [gfp-page-free-mismatch]
// CHECK: :[[@LINE-9]]:15: note: allocated here by __get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER)
	return 0;
}

/* silent: the right free in each branch */
static int c_window_right(unsigned long phys, bool fixed)
{
	void *v;

	if (fixed)
		v = ioremap(phys, PAGE_SIZE << BUF_ORDER);
	else
		v = (void *)__get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER);
	if (!v)
		return -ENOMEM;

	if (fixed)
		iounmap(v);
	else
		free_pages((unsigned long)v, BUF_ORDER);
	return 0;
}

/* silent: the condition changes in between */
static int c_window_changed(unsigned long phys, bool fixed)
{
	void *v;

	if (fixed)
		v = ioremap(phys, PAGE_SIZE << BUF_ORDER);
	else
		v = (void *)__get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER);
	if (!v)
		return -ENOMEM;
	fixed = !fixed;

	if (fixed)
		iounmap(v);
	else
		kfree(v);
	return 0;
}

/* silent: another condition decides the free */
static int c_window_other(unsigned long phys, bool fixed, bool mapped)
{
	void *v;

	if (fixed)
		v = ioremap(phys, PAGE_SIZE << BUF_ORDER);
	else
		v = (void *)__get_free_pages(GFP_KERNEL | GFP_DMA, BUF_ORDER);
	if (!v)
		return -ENOMEM;

	if (mapped)
		iounmap(v);
	else
		kfree(v);
	return 0;
}

/* silent: the slab branch is freed with kfree() */
static int c_window_slab(unsigned long phys, bool fixed)
{
	void *v;

	if (fixed)
		v = (void *)__get_free_pages(GFP_KERNEL, BUF_ORDER);
	else
		v = kmalloc(256, GFP_KERNEL);
	if (!v)
		return -ENOMEM;

	if (fixed)
		free_pages((unsigned long)v, BUF_ORDER);
	else
		kfree(v);
	return 0;
}

int c_all(unsigned long phys, bool f, bool m)
{
	return c_window_setup(phys, f) + c_window_right(phys, f) +
	       c_window_changed(phys, f) + c_window_other(phys, f, m) +
	       c_window_slab(phys, f);
}
