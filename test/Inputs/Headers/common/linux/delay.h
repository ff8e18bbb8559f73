/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Written for gfp-tidy's tests, in the shape of the kernel's delay.h. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

void __udelay(unsigned long usecs);
#define udelay(n)	__udelay(n)
void usleep_range_state(unsigned long min, unsigned long max,
			unsigned int state);
static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, 2);
}

#endif
