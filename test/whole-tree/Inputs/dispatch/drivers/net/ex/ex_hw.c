// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The hardware generations' ops, stored in this file and called from
 * ex_main.c: which generation a call reaches is the device's, so a call
 * from the poll proves nothing for the ops called with nothing held
 * elsewhere. */
#include "ex.h"

static void ex_hw_a_reset(struct ex_adapter *a)
{
	a->regs = NULL;
}

/* silent: stored in another file than the poll's call through it */
static void ex_hw_b_reset(struct ex_adapter *a)
{
	a->regs = kzalloc(64, GFP_KERNEL);
}

const struct ex_hw_ops ex_hw_a_ops = {
	.reset = ex_hw_a_reset,
};

const struct ex_hw_ops ex_hw_b_ops = {
	.reset = ex_hw_b_reset,
};
