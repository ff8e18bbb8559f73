/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: RTNL, a mutex. */
#ifndef __LINUX_RTNETLINK_H
#define __LINUX_RTNETLINK_H

void rtnl_lock(void);
void rtnl_unlock(void);

#endif
