/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

int _printk(const char *fmt, ...);
#define pr_info(fmt, ...)	_printk(fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	_printk(fmt, ##__VA_ARGS__)

#endif /* _LINUX_PRINTK_H */
