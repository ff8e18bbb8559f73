/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>

#define module_init(fn)	static int (*__initcall_##fn)(void) __maybe_unused = fn
#define module_exit(fn)	static void (*__exitcall_##fn)(void) __maybe_unused = fn
#define MODULE_LICENSE(x)
/* As in 6.x: the symbol's address is kept in a discarded section. */
#define EXPORT_SYMBOL(sym)						\
	extern typeof(sym) sym;						\
	static void *__addressable_##sym __used			\
		__attribute__((section(".discard.addressable"))) = (void *)&sym

#endif /* _LINUX_MODULE_H */
