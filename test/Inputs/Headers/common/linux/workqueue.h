/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	long data;
	work_func_t func;
};

void __init_work(struct work_struct *work, work_func_t func);
#define INIT_WORK(_work, _func) __init_work((_work), (_func))
bool schedule_work(struct work_struct *work);

#endif /* _LINUX_WORKQUEUE_H */
