/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Test header: the overflow-checked arithmetic of <linux/overflow.h>, as a
 * macro around the compiler's builtin that also stores the result. */
#ifndef _LINUX_OVERFLOW_H
#define _LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/types.h>

static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

#define check_add_overflow(a, b, d) \
	__must_check_overflow(__builtin_add_overflow(a, b, d))

#endif
