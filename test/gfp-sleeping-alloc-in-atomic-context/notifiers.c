// Notifier chains (include/linux/notifier.h): an atomic chain's callbacks
// run in atomic context, a blocking chain's may sleep. The callback is
// reached through the notifier_block the registration points to.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/gfp.h>
#include <linux/notifier.h>
#include <linux/slab.h>

static struct atomic_notifier_head panic_chain;
static struct blocking_notifier_head reboot_chain;
static void *saved;

/* flagged: an atomic chain's callback */
static int drv_panic_event(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	saved = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[#ATOMIC_REG:]]:2: note: 'drv_panic_event' runs in atomic context: notifier of an atomic chain, registered with atomic_notifier_chain_register here
	return NOTIFY_DONE;
}

/* flagged the other way: a blocking chain's callback may sleep */
static int drv_reboot_event(struct notifier_block *nb, unsigned long action,
			    void *data)
{
	saved = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[#BLOCKING_REG:]]:2: note: 'drv_reboot_event' may sleep: notifier of a blocking chain, registered with blocking_notifier_chain_register here
	return NOTIFY_DONE;
}

/* silent: an ordinary struct with a field of the same name, not registered */
static int drv_other_event(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	saved = kmalloc(64, GFP_KERNEL);
	return NOTIFY_DONE;
}

static struct notifier_block drv_panic_nb = { .notifier_call = drv_panic_event };
static struct notifier_block drv_reboot_nb = { .notifier_call = drv_reboot_event };
struct notifier_block drv_other_nb = { .notifier_call = drv_other_event };

int drv_init(void)
{
	atomic_notifier_chain_register(&panic_chain, &drv_panic_nb);
	blocking_notifier_chain_register(&reboot_chain, &drv_reboot_nb);
	return 0;
}

/* Registered through a field assigned at run time (ice's LAG handler). */
struct drv_lag {
	struct notifier_block nb;
	struct notifier_block panic_nb;
};

/* flagged the other way: a blocking chain's callback, assigned through a
 * pointer to the block */
static int drv_lag_event(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	saved = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: :[[@LINE+20]]:7: note: 'drv_lag_event' may sleep: notifier of a blocking chain, registered with blocking_notifier_chain_register here
	return NOTIFY_DONE;
}

/* flagged: an atomic chain's callback, assigned to the struct's own field */
static int drv_lag_panic(struct notifier_block *nb, unsigned long action,
			 void *data)
{
	saved = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE+14]]:2: note: 'drv_lag_panic' runs in atomic context: notifier of an atomic chain, registered with atomic_notifier_chain_register here
	return NOTIFY_DONE;
}

int drv_lag_init(struct drv_lag *lag)
{
	struct notifier_block *blk = &lag->nb;

	if (!blk->notifier_call) {
		blk->notifier_call = drv_lag_event;
		if (blocking_notifier_chain_register(&reboot_chain, blk))
			return -22;
	}
	lag->panic_nb.notifier_call = drv_lag_panic;
	atomic_notifier_chain_register(&panic_chain, &lag->panic_nb);
	return 0;
}

/* flagged: IPv6 address notifiers run on an atomic chain */
static int drv_addr6_event(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	saved = kmalloc(32, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:10: warning: kmalloc(32, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE+17]]:2: note: 'drv_addr6_event' runs in atomic context: IPv6 address notifier, registered with register_inet6addr_notifier here
	return NOTIFY_DONE;
}

/* silent: IPv4 address notifiers run on a blocking chain, under RTNL */
static int drv_addr4_event(struct notifier_block *nb, unsigned long action,
			   void *data)
{
	saved = kmalloc(32, GFP_KERNEL);
	return NOTIFY_DONE;
}

static struct notifier_block drv_addr6_nb = { .notifier_call = drv_addr6_event };
static struct notifier_block drv_addr4_nb = { .notifier_call = drv_addr4_event };

int drv_addr_init(void)
{
	register_inet6addr_notifier(&drv_addr6_nb);
	return register_inetaddr_notifier(&drv_addr4_nb);
}
