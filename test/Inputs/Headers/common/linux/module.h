/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>

#define module_init(fn)	static int (*__initcall_##fn)(void) __maybe_unused = fn
#define module_exit(fn)	static void (*__exitcall_##fn)(void) __maybe_unused = fn
#define MODULE_LICENSE(x)

#endif /* _LINUX_MODULE_H */
