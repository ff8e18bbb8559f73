// The advice follows the reclaim the code allows. Filesystem and block
// code reclaims with GFP_NOFS or GFP_NOIO, so that reclaim does not call
// back into it: a function whose own sleeping allocations use one of them
// is advised that one, and a function with none is advised what most of the
// file's sleeping allocations use (ocfs2's o2net_send_message_vec(), in a
// file that allocates with GFP_NOFS). The fix-it writes the same flags.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %if kernel-headers %{ %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:' %}
// RUN: %if kernel-headers %{ %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:' %}
// RUN: cp %t.c %t.fix.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context' --fix %t.fix.c -- %kflags612 > /dev/null 2>&1
// RUN: FileCheck %s --check-prefix=FIXED < %t.fix.c

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct o2msg {
	struct mutex lock;
	void *vec;
	void *msg;
	void *page;
};

/* The file's other sleeping allocations: three with GFP_NOFS, one with
 * GFP_KERNEL. */
int o2_sc_alloc(struct o2msg *m)
{
	m->page = kmalloc(4096, GFP_NOFS);
	m->vec = kzalloc(64, GFP_NOFS);
	return m->page && m->vec ? 0 : -ENOMEM;
}

void *o2_handler_alloc(void)
{
	return kzalloc(32, GFP_NOFS);
}

void *o2_debug_alloc(void)
{
	return kzalloc(32, GFP_KERNEL);
}

/* flagged, advised GFP_NOFS: no allocation of its own, and most of the
 * file's use GFP_NOFS */
int o2_send(struct o2msg *m)
{
	mutex_lock(&m->lock);
	m->msg = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_NOFS, as the other allocations here do, and leave the reserves to interrupt handlers
// CHECK: note: 'o2_send' may sleep: it calls 'mutex_lock' here with no lock held
// FIXED: m->msg = kmalloc(64, GFP_NOFS);
	mutex_unlock(&m->lock);
	return m->msg ? 0 : -ENOMEM;
}

/* flagged, advised GFP_KERNEL: its own other allocation uses it */
int o2_send_kernel(struct o2msg *m)
{
	m->msg = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers
// CHECK: :[[@LINE+3]]:12: note: 'o2_send_kernel' may sleep: it calls 'kmalloc(128, GFP_KERNEL)' here with no lock held
// FIXED: m->msg = kmalloc(64, GFP_KERNEL);
	if (m->msg)
		m->vec = kmalloc(128, GFP_KERNEL);
	return 0;
}

/* flagged, advised GFP_NOIO: its own other allocation uses it */
int o2_send_noio(struct o2msg *m)
{
	m->msg = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_NOIO, as the other allocations here do, and leave the reserves to interrupt handlers
// CHECK: :[[@LINE+3]]:12: note: 'o2_send_noio' may sleep: it calls 'kmalloc(128, GFP_NOIO)' here with no lock held
// FIXED: m->msg = kmalloc(64, GFP_NOIO);
	if (m->msg)
		m->vec = kmalloc(128, GFP_NOIO);
	return 0;
}

/* flagged, the fail-fast advice with GFP_NOFS */
int o2_send_retry(struct o2msg *m, unsigned long size)
{
	mutex_lock(&m->lock);
	do {
		m->vec = kmalloc(size, GFP_ATOMIC | __GFP_NOWARN);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(size, GFP_ATOMIC | __GFP_NOWARN) dips into the atomic reserves to fail fast, but this code may sleep; use GFP_NOFS | __GFP_NORETRY, which fails fast without them
// CHECK: note: 'o2_send_retry' may sleep: it calls 'mutex_lock' here with no lock held
// FIXED: m->vec = kmalloc(size, GFP_NOFS | __GFP_NORETRY | __GFP_NOWARN);
		size /= 2;
	} while (!m->vec && size >= 64);
	mutex_unlock(&m->lock);
	return m->vec ? 0 : -ENOMEM;
}
