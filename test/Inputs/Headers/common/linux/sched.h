/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

void schedule(void);
long schedule_timeout(long timeout);

#endif /* _LINUX_SCHED_H */
