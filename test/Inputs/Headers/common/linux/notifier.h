/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action,
			     void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};

struct atomic_notifier_head { struct notifier_block *head; };
struct blocking_notifier_head { struct notifier_block *head; };

int atomic_notifier_chain_register(struct atomic_notifier_head *nh,
				   struct notifier_block *nb);
int blocking_notifier_chain_register(struct blocking_notifier_head *nh,
				     struct notifier_block *nb);

/* As include/linux/inetdevice.h and include/net/addrconf.h declare them. */
int register_inetaddr_notifier(struct notifier_block *nb);
int register_inet6addr_notifier(struct notifier_block *nb);

#define NOTIFY_DONE	0x0000
#define NOTIFY_OK	0x0001

#endif /* _LINUX_NOTIFIER_H */
