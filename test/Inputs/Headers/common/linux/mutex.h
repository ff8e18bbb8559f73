/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

struct mutex {
	long owner;
};

#define DEFINE_MUTEX(m)	struct mutex m = { 0 }
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
/* As in the kernel with CONFIG_DEBUG_ATOMIC_SLEEP: a macro. */
void __might_sleep(const char *file, int line);
void __cond_resched(void);
#define might_sleep()							\
	do { __might_sleep(__FILE__, __LINE__); __cond_resched(); } while (0)
void msleep(unsigned int msecs);
/* As in the kernel's kernel.h: a sleep only when the caller's flags allow. */
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

#endif /* __LINUX_MUTEX_H */
