/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: scope-based guards. */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#include <linux/spinlock.h>

#define __cleanup(func)	__attribute__((__cleanup__(func)))
#define ___PASTE(a, b)	a##b
#define __PASTE(a, b)	___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

typedef struct {
	spinlock_t *lock;
} class_spinlock_t;

static inline void class_spinlock_destructor(class_spinlock_t *_T)
{
	spin_unlock(_T->lock);
}
static inline class_spinlock_t class_spinlock_constructor(spinlock_t *l)
{
	class_spinlock_t _t = { .lock = l };
	spin_lock(l);
	return _t;
}

#define CLASS(_name, var)						\
	class_##_name##_t var __cleanup(class_##_name##_destructor) =	\
		class_##_name##_constructor
#define guard(_name) CLASS(_name, __UNIQUE_ID(guard))

#endif /* _LINUX_CLEANUP_H */
