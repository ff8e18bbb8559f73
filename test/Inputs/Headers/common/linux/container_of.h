/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#define container_of(ptr, type, member)					\
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif /* _LINUX_CONTAINER_OF_H */
