/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#ifdef __CHECKER__
#define __bitwise	__attribute__((bitwise))
#define __force		__attribute__((force))
#else
#define __bitwise
#define __force
#endif

typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed int		s32;
typedef unsigned long		size_t;
typedef long			ssize_t;
typedef _Bool			bool;
typedef unsigned long		uintptr_t;
typedef u64			dma_addr_t;
typedef long long		loff_t;
typedef unsigned int __bitwise	gfp_t;

enum { false = 0, true = 1 };

#define NULL ((void *)0)

struct list_head {
	struct list_head *next, *prev;
};

typedef struct {
	int counter;
} atomic_t;

#endif /* _LINUX_TYPES_H */
