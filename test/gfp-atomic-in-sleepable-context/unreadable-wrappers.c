// Lock and unlock wrappers whose bodies cannot be read (defined in another
// .c file, or in a header of clangd's preamble, which skips function
// bodies): a section may begin or end there, so both context checks stay
// silent after them. Sleeping locks and names that only contain "lock"
// (clock, block) are not such wrappers.
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

void hw_entry(struct hw *hw)
{
	a_after_unreadable_lock(hw);
	b_after_unreadable_unlock(hw);
	c_clock_is_not_a_lock(hw);
	d_mutex_wrapper(hw);
}
