/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A unit that does not compile, with the context checks' and the free
 * check's shapes in it: the no-crash tests of those checks run on it. */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(lk);
static DEFINE_MUTEX(mtx);

/* would be flagged in a unit that compiles: GFP_KERNEL under a spinlock,
 * GFP_ATOMIC after a mutex, a page freed with the wrong order */
static void *shapes(void)
{
	void *p;
	struct page *pg = alloc_pages(GFP_KERNEL, 2);

	spin_lock(&lk);
	p = kmalloc(64, GFP_KERNEL);
	spin_unlock(&lk);
	mutex_lock(&mtx);
	kfree(kmalloc(32, GFP_ATOMIC));
	mutex_unlock(&mtx);
	__free_pages(pg, 0);
	return p;
}

/* a lock whose argument does not exist */
static void broken_lock(void)
{
	spin_lock(&no_such_lock);
	kfree(kmalloc(8, GFP_KERNEL));
	spin_unlock(&no_such_lock);
}

/* a section left open on one path, and a call with a missing argument */
static int broken_paths(int n)
{
	if (n)
		spin_lock(&lk);
	switch (n) {
	case 1:
		free_pages(0UL);
		break;
	default:
		goto out;
	}
	mutex_lock();
out:
	return n;
}

/* recursion through an undeclared callee */
static void recurse(int n)
{
	if (n)
		recurse_undeclared(n - 1);
	recurse(n - 1);
}

static void broken_syntax(void)
{
	spin_lock(&lk);
	kmalloc(16, GFP_KERNEL;
}
