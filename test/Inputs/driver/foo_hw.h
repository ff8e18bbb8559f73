/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A driver's private header, written for gfp-tidy's tests. */
#ifndef _FOO_HW_H
#define _FOO_HW_H

#include <linux/gfp.h>
#include <linux/mm.h>

static inline void *foo_hw_rx_buf(void)
{
	return (void *)alloc_page(GFP_ATOMIC);
}

#endif /* _FOO_HW_H */
