// Lock and unlock wrappers whose bodies cannot be read (defined in another
// .c file, or in a header of clangd's preamble, which skips function
// bodies): a section may begin or end there, so both context checks stay
// silent after them, except that a lock wrapper does not end the sections
// already held, and a readable wrapper that enters a section before calling
// one (netif_tx_lock_bh(): local_bh_disable(), then netif_tx_lock() from
// another file) has entered at least that one. Sleeping locks and names
// that only contain "lock" (clock, block) are not such wrappers.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-atomic-in-sleepable-context,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>

struct hw;
/* Defined in another file: what they do is not known here. */
void hw_state_lock(struct hw *hw);
void hw_state_unlock(struct hw *hw);
unsigned long long hw_clock_read(struct hw *hw);
void hw_block_io(struct hw *hw);
void hw_mutex_lock(struct hw *hw);

/* netdevice.h's shape: a readable wrapper over an unreadable lock */
void hw_tx_lock(struct hw *hw);
void hw_tx_unlock(struct hw *hw);
static inline void hw_tx_lock_bh(struct hw *hw)
{
	local_bh_disable();
	hw_tx_lock(hw);
}
static inline void hw_tx_unlock_bh(struct hw *hw)
{
	hw_tx_unlock(hw);
	local_bh_enable();
}

static spinlock_t hw_lock;
static struct mutex hw_mutex;
static void *hw_buf;

/* silent: hw_state_lock() may take a spinlock */
static void a_after_unreadable_lock(struct hw *hw)
{
	mutex_lock(&hw_mutex);
	mutex_unlock(&hw_mutex);
	hw_state_lock(hw);
	hw_buf = kmalloc(64, GFP_ATOMIC);
	hw_state_unlock(hw);
}

/* silent: hw_state_unlock() may have left the section */
static void b_after_unreadable_unlock(struct hw *hw)
{
	spin_lock(&hw_lock);
	hw_state_unlock(hw);
	hw_buf = kmalloc(64, GFP_KERNEL);
}

/* flagged: hw_clock_read() and hw_block_io() take no lock ("clock" and
 * "block" are not "lock") */
static void c_clock_is_not_a_lock(struct hw *hw)
{
	mutex_lock(&hw_mutex);
	mutex_unlock(&hw_mutex);
	hw_clock_read(hw);
	hw_block_io(hw);
	hw_buf = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE-6]]:2: note: 'c_clock_is_not_a_lock' may sleep: it calls 'mutex_lock' here with no lock held
}

/* flagged: the failure edge of spin_trylock_irqsave() holds nothing (the
 * macro gives interrupts back), and the function sleeps */
static int e_trylock_irqsave_failed(struct hw *hw)
{
	unsigned long flags;

	mutex_lock(&hw_mutex);
	if (!spin_trylock_irqsave(&hw_lock, flags)) {
		hw_buf = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE-4]]:2: note: 'e_trylock_irqsave_failed' may sleep: it calls 'mutex_lock' here with no lock held
		mutex_unlock(&hw_mutex);
		return -1;
	}
	hw_buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock_irqrestore(&hw_lock, flags);
	mutex_unlock(&hw_mutex);
	return 0;
}

/* flagged: the same with a plain trylock, an unreadable function here */
static int f_trylock_failed(struct hw *hw)
{
	mutex_lock(&hw_mutex);
	if (!spin_trylock(&hw_lock)) {
		hw_buf = kmalloc(64, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(64, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep; use GFP_KERNEL and leave the reserves to interrupt handlers [gfp-atomic-in-sleepable-context]
// CHECK: :[[@LINE-4]]:2: note: 'f_trylock_failed' may sleep: it calls 'mutex_lock' here with no lock held
		mutex_unlock(&hw_mutex);
		return -1;
	}
	hw_buf = kmalloc(64, GFP_ATOMIC);
	spin_unlock(&hw_lock);
	mutex_unlock(&hw_mutex);
	return 0;
}

/* silent: a trylock whose result is kept, not tested in place, may hold
 * the lock at the allocation */
static int g_trylock_kept(struct hw *hw)
{
	int locked;

	mutex_lock(&hw_mutex);
	locked = spin_trylock(&hw_lock);
	if (locked) {
		hw_buf = kmalloc(64, GFP_ATOMIC);
		spin_unlock(&hw_lock);
	}
	mutex_unlock(&hw_mutex);
	return locked;
}

/* flagged: a mutex wrapper is a sleeping lock, not an atomic section */
static void d_mutex_wrapper(struct hw *hw)
{
	spin_lock(&hw_lock);
	hw_mutex_lock(hw);
	hw_buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context{{.*}}[gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-4]]:2: note: atomic context begins here: spin_lock
	spin_unlock(&hw_lock);
}

/* silent: GFP_ATOMIC is what BHs off and the TX lock need */
static void e_tx_locked_atomic(struct hw *hw)
{
	mutex_lock(&hw_mutex);
	mutex_unlock(&hw_mutex);
	hw_tx_lock_bh(hw);
	hw_buf = kmalloc(64, GFP_ATOMIC);
	hw_tx_unlock_bh(hw);
}

/* flagged: BHs are off whatever hw_tx_lock() does */
static void f_tx_locked_kernel(struct hw *hw)
{
	hw_tx_lock_bh(hw);
	hw_buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context{{.*}}[gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-3]]:2: note: atomic context begins here: hw_tx_lock_bh
	hw_tx_unlock_bh(hw);
}

/* flagged: an unreadable lock wrapper leaves the spinlock held */
static void g_lock_then_unreadable_lock(struct hw *hw)
{
	spin_lock(&hw_lock);
	hw_state_lock(hw);
	hw_buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context{{.*}}[gfp-sleeping-alloc-in-atomic-context]
// CHECK: :[[@LINE-4]]:2: note: atomic context begins here: spin_lock
	hw_state_unlock(hw);
	spin_unlock(&hw_lock);
}

/* silent: the unlock wrapper undoes what the lock wrapper entered */
static void h_tx_pair_then_kernel(struct hw *hw)
{
	hw_tx_lock_bh(hw);
	hw_tx_unlock_bh(hw);
	hw_buf = kmalloc(64, GFP_KERNEL);
}

void hw_entry(struct hw *hw)
{
	h_tx_pair_then_kernel(hw);
	e_tx_locked_atomic(hw);
	f_tx_locked_kernel(hw);
	g_lock_then_unreadable_lock(hw);
	a_after_unreadable_lock(hw);
	b_after_unreadable_unlock(hw);
	c_clock_is_not_a_lock(hw);
	d_mutex_wrapper(hw);
}
