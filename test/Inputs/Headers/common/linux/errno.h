/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EFAULT	14
#define ENOMEM	12
#define EINVAL	22
#define EBUSY	16
#define EAGAIN	11

#endif /* _LINUX_ERRNO_H */
