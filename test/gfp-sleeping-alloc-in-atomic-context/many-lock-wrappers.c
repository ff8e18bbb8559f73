// Regression: a function calling many lock wrappers. Reading each wrapper's
// effect adds it to the lock cache while the caller's own entry is being
// filled; a rehash of the cache moved that entry under the analysis, which
// crashed on drivers/scsi/mpt3sas/mpt3sas_scsih.c (SIGSEGV in transfer(),
// reached from locksOf()). The finding must still be reported.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct hba {
	spinlock_t lock[8];
	void *buf;
};

/* Lock helpers, as a big driver has dozens: each takes and drops a lock. */
#define HBA_TOUCH(n)							\
	static void hba_touch_##n(struct hba *h)			\
	{								\
		unsigned long flags;					\
									\
		spin_lock_irqsave(&h->lock[(n) % 8], flags);		\
		h->buf = NULL;						\
		spin_unlock_irqrestore(&h->lock[(n) % 8], flags);	\
	}
#define HBA_TOUCH8(n)							\
	HBA_TOUCH(n##0) HBA_TOUCH(n##1) HBA_TOUCH(n##2) HBA_TOUCH(n##3)	\
	HBA_TOUCH(n##4) HBA_TOUCH(n##5) HBA_TOUCH(n##6) HBA_TOUCH(n##7)
HBA_TOUCH8(1) HBA_TOUCH8(2) HBA_TOUCH8(3) HBA_TOUCH8(4)
HBA_TOUCH8(5) HBA_TOUCH8(6) HBA_TOUCH8(7) HBA_TOUCH8(8)
HBA_TOUCH8(9)

#define HBA_CALL8(n)							\
	hba_touch_##n##0(h); hba_touch_##n##1(h); hba_touch_##n##2(h);	\
	hba_touch_##n##3(h); hba_touch_##n##4(h); hba_touch_##n##5(h);	\
	hba_touch_##n##6(h); hba_touch_##n##7(h)

void hba_reset(struct hba *h)
{
	HBA_CALL8(1); HBA_CALL8(2); HBA_CALL8(3); HBA_CALL8(4);
	HBA_CALL8(5); HBA_CALL8(6); HBA_CALL8(7); HBA_CALL8(8);
	HBA_CALL8(9);
	spin_lock(&h->lock[0]);
	h->buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context; allocate before entering it, or use GFP_ATOMIC and handle failure [gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: spin_lock
	spin_unlock(&h->lock[0]);
}
