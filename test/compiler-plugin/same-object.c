// The plugin only reads the unit: the object file is byte for byte the one
// clang writes without it, with findings and without, at -O2.
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang22 -O2 -c %s -o %t/plain.o %kflags612
// RUN: %gfpcc -O2 -c %s -o %t/plugin.o %kflags612 2>&1 | FileCheck %s
// RUN: cmp %t/plain.o %t/plugin.o
// RUN: %clang22 -O2 -DQUIET -c %s -o %t/plain-quiet.o %kflags612
// RUN: %gfpcc -O2 -DQUIET -c %s -o %t/plugin-quiet.o %kflags612 2>&1 | count 0
// RUN: cmp %t/plain-quiet.o %t/plugin-quiet.o

#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct stats {
	spinlock_t lock;
	unsigned long *hist;
};

int stats_grow(struct stats *s, size_t n)
{
	unsigned long *h;

#ifdef QUIET
	h = kzalloc(n * sizeof(*h), GFP_KERNEL);
	spin_lock(&s->lock);
#else
	spin_lock(&s->lock);
	h = kzalloc(n * sizeof(*h), GFP_KERNEL);
// CHECK: same-object.c:[[@LINE-1]]:6: warning: {{.*}}[gfp-sleeping-alloc-in-atomic-context]
// CHECK: note: atomic context begins here: spin_lock
#endif
	if (!h) {
		spin_unlock(&s->lock);
		return -12;
	}
	kfree(s->hist);
	s->hist = h;
	spin_unlock(&s->lock);
	return 0;
}
