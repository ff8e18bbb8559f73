/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>

typedef struct spinlock {
	unsigned int slock;
} spinlock_t;

typedef struct {
	unsigned int lock;
} rwlock_t;

#define DEFINE_SPINLOCK(x)	spinlock_t x = { 0 }

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_lock_bh(spinlock_t *lock);
void spin_unlock_bh(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
int spin_trylock(spinlock_t *lock);
unsigned long _spin_lock_irqsave(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(lock, flags)				\
	do {							\
		flags = _spin_lock_irqsave(lock);		\
	} while (0)

void read_lock(rwlock_t *lock);
void read_unlock(rwlock_t *lock);
void write_lock_bh(rwlock_t *lock);
void write_unlock_bh(rwlock_t *lock);

void arch_local_irq_restore(unsigned long flags);
unsigned long arch_local_irq_save(void);
#define local_irq_save(flags)	do { flags = arch_local_irq_save(); } while (0)
#define local_irq_restore(flags)	arch_local_irq_restore(flags)
void local_irq_disable(void);
void local_irq_enable(void);
/* As in the kernel: the irq section is left again when the lock is busy. */
#define spin_trylock_irqsave(lock, flags)			\
({								\
	local_irq_save(flags);					\
	spin_trylock(lock) ?					\
	1 : ({ local_irq_restore(flags); 0; });			\
})
void local_bh_disable(void);
void local_bh_enable(void);
/*
 * As in the kernel (include/linux/preempt.h, arch/x86/include/asm/preempt.h),
 * these are macros over the preempt counter, not functions.
 */
void __preempt_count_add(int val);
void __preempt_count_sub(int val);
int __preempt_count_dec_and_test(void);
void __preempt_schedule(void);
#define barrier() __asm__ __volatile__("" : : : "memory")
#define preempt_count_add(val)	__preempt_count_add(val)
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_disable()					\
do {								\
	preempt_count_inc();					\
	barrier();						\
} while (0)
#define preempt_enable()					\
do {								\
	barrier();						\
	if (__builtin_expect(!!(__preempt_count_dec_and_test()), 0))	\
		__preempt_schedule();				\
} while (0)

/* As in the kernel without CONFIG_LOCKDEP (include/linux/lockdep.h). */
#define lockdep_assert_held(l)		do { (void)(l); } while (0)
#define lockdep_assert_irqs_disabled()	do { } while (0)
/* As in <linux/irqflags.h>: macros down to the architecture's flags. */
unsigned long arch_local_save_flags(void);
#define arch_irqs_disabled()	(!(arch_local_save_flags() & 0x200))
#define raw_irqs_disabled()	(arch_irqs_disabled())
#define irqs_disabled()		raw_irqs_disabled()

void rcu_read_lock(void);
void rcu_read_unlock(void);

#endif /* __LINUX_SPINLOCK_H */
