// SPDX-License-Identifier: GPL-2.0
/* A unit that does not compile: it is recorded as not analysed. */
#include <linux/gfp.h>

int broken(void)
{
	return undeclared_symbol;
}
