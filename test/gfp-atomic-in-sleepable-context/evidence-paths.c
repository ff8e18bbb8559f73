// Sleep evidence in the function's own body must lie on a path to the
// allocation. A GFP_KERNEL call in another switch arm, or in the other
// branch of a `nofail` flag (ext4's __es_alloc_extent() shape), proves
// nothing about the GFP_ATOMIC one, which callers may reach in atomic
// context.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

struct res {
	void *a;
	void *b;
};

/* silent: the sleeping allocation is in another arm */
void res_alloc(struct res *r, int type)
{
	switch (type) {
	case 0:
		r->a = kzalloc(64, GFP_KERNEL);
		break;
	case 1:
		r->b = kzalloc(64, GFP_ATOMIC);
		break;
	}
}

/* silent: the other branch of a nofail flag */
void *res_get(int nofail)
{
	if (nofail)
		return kmalloc(32, GFP_KERNEL | __GFP_NOFAIL);
	return kmalloc(32, GFP_ATOMIC);
}

/* flagged: the sleep comes first on the allocation's path */
void res_reset(struct res *r)
{
	msleep(1);
	r->a = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'res_reset' may sleep: it calls 'msleep' here with no lock held
}

/* flagged: a loop leads from the sleep back to the allocation */
void res_retry(struct res *r, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		r->b = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'res_retry' may sleep: it calls 'msleep' here with no lock held
		kfree(r->b);
		msleep(1);
	}
}

/* flagged: one sleep is on a path that returns early, another is on the
 * allocation's path, and the note names that one */
void res_two(struct res *r, int slow)
{
	if (slow) {
		r->a = kmalloc(8, GFP_KERNEL);
		return;
	}
	msleep(2);
	r->b = kmalloc(8, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(8, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'res_two' may sleep: it calls 'msleep' here with no lock held
}

/* flagged: the sleep comes after the allocation on its path (virtio
 * crypto's key copy before a GFP_KERNEL request) */
int res_session(struct res *r)
{
	void *copy = kmalloc(16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:15: warning: kmalloc(16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE+3]]:9: note: 'res_session' may sleep: it calls 'kzalloc(32, GFP_KERNEL)' here with no lock held
	if (!copy)
		return -ENOMEM;
	r->a = kzalloc(32, GFP_KERNEL);
	kfree(copy);
	return 0;
}

/* silent: the only sleeps are on the allocation's own failure branch
 * (reiserfs's get_mem_for_virtual_node()): the GFP_ATOMIC attempt is made
 * while resources are held that reclaim could need, and the code releases
 * them before it sleeps */
int res_virtual(struct res *r, int size)
{
	char *buf;

	buf = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
	if (!buf) {
		kfree(r->b);
		buf = kmalloc(size, GFP_NOFS);
		r->a = buf;
		schedule();
		return -EAGAIN;
	}
	r->a = buf;
	return 0;
}

/* silent: the same, tested as `unlikely(buf == NULL)` */
int res_virtual_eq(struct res *r, int size)
{
	void *buf = kmalloc(size, GFP_ATOMIC);

	if (unlikely(buf == NULL)) {
		msleep(10);
		return -EAGAIN;
	}
	r->a = buf;
	return 0;
}

/* silent: a retry loop that sleeps only when the attempt failed */
void res_wait(struct res *r)
{
	while (!(r->b = kmalloc(64, GFP_ATOMIC)))
		msleep(1);
}

/* flagged: a sleep on the allocation's path as well as on its failure
 * branch (a wait, not a sleeping fallback allocation); the note names the
 * one on the path */
int res_locked_retry(struct res *r, struct mutex *m)
{
	mutex_lock(m);
	r->a = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'res_locked_retry' may sleep: it calls 'mutex_lock' here with no lock held
	if (!r->a)
		msleep(10);
	mutex_unlock(m);
	return r->a ? 0 : -ENOMEM;
}

/* flagged: the sleep follows a test of another pointer, not of the
 * allocation's result */
int res_other_test(struct res *r)
{
	r->a = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE+2]]:3: note: 'res_other_test' may sleep: it calls 'msleep' here with no lock held
	if (!r->b)
		msleep(1);
	return 0;
}

/* silent: the reserves first, then a sleeping fallback when they fail,
 * even with another sleep on the allocation's path (habanalabs'
 * latency-sensitive command submission: hl_cs_copy_chunk_array()) */
int res_chunks(void **out, const void __user *from, unsigned long n)
{
	*out = kmalloc_array(n, 16, GFP_ATOMIC);
	if (!*out)
		*out = kmalloc_array(n, 16, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	if (copy_from_user(*out, from, n * 16)) {
		kfree(*out);
		return -EFAULT;
	}
	return 0;
}

/* flagged: the failure branch only logs; the sleep is on the path */
int res_chunks_nofallback(void **out, const void __user *from, unsigned long n)
{
	*out = kmalloc_array(n, 16, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc_array(n, 16, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE+3]]:6: note: 'res_chunks_nofallback' may sleep: it calls 'copy_from_user' here with no lock held
	if (!*out)
		return -ENOMEM;
	if (copy_from_user(*out, from, n * 16))
		return -EFAULT;
	return 0;
}

/* flagged: a sleeping allocation in code that never runs is no fallback */
int res_dead_fallback(struct res *r, struct mutex *m)
{
	mutex_lock(m);
	r->a = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:9: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE-3]]:2: note: 'res_dead_fallback' may sleep: it calls 'mutex_lock' here with no lock held
	if (!r->a)
		return -ENOMEM;
	if (0)
		r->b = kmalloc(64, GFP_KERNEL);
	mutex_unlock(m);
	return 0;
}
