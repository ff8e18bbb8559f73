/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __always_inline	inline __attribute__((__always_inline__))
#define __maybe_unused	__attribute__((__unused__))
#define __used		__attribute__((__used__))
/* Sparse's context annotations: empty outside sparse, as in 6.x. */
#ifndef __must_hold
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#endif
#define __must_check	__attribute__((__warn_unused_result__))
#define __cold		__attribute__((__cold__))
#define __noreturn	__attribute__((__noreturn__))
#define __user
#define __iomem
#define __init		__attribute__((__section__(".init.text"))) __cold
#define __exit		__attribute__((__section__(".exit.text")))
#define READ_ONCE(x)	(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val) do { *(volatile typeof(x) *)&(x) = (val); } while (0)

#endif /* _LINUX_COMPILER_H */
