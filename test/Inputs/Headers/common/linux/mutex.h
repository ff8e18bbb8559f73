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
void might_sleep(void);
void msleep(unsigned int msecs);

#endif /* __LINUX_MUTEX_H */
