// Driver callbacks whose context the kernel documents, installed by struct
// initializer, on Debian's real linux-headers 6.1 and 6.12: an irq_chip's
// flow callbacks (under the descriptor's raw spinlock), an LED's
// brightness_set ("must not sleep"), a UART's start_tx and set_mctrl (under
// port->lock, interrupts off), a clock's enable (under the enable
// spinlock), an input device's event handler (under event_lock): atomic.
// A sysfs attribute's show/store, a /proc file's operations, a PCM's
// hw_params, a clock's prepare and an LED's brightness_set_blocking:
// process context.
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/irq.h>
#include <linux/leds.h>
#include <linux/serial_core.h>
#include <linux/clk-provider.h>
#include <linux/input.h>
#include <linux/device.h>
#include <linux/proc_fs.h>
#include <sound/pcm.h>

struct dr_priv {
	void *buf;
	spinlock_t lock;
};

static struct dr_priv dr;

/* flagged: irq_chip callbacks run under the descriptor's lock */
static void dr_irq_mask(struct irq_data *d)
{
	dr.buf = kmalloc(16, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(16, GFP_KERNEL) may sleep
// CHECK: note: 'dr_irq_mask' runs in atomic context: registered as 'irq_mask' of 'struct irq_chip' here
}

/* silent: GFP_ATOMIC where the code cannot sleep */
static void dr_irq_unmask(struct irq_data *d)
{
	dr.buf = kmalloc(16, GFP_ATOMIC);
}

static struct irq_chip dr_chip = {
	.name		= "dr",
	.irq_mask	= dr_irq_mask,
	.irq_unmask	= dr_irq_unmask,
};

/* flagged: brightness_set must not sleep */
static void dr_led_set(struct led_classdev *led, enum led_brightness b)
{
	dr.buf = kzalloc(8, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(8, GFP_KERNEL) may sleep
// CHECK: note: 'dr_led_set' runs in atomic context: registered as 'brightness_set' of 'struct led_classdev' here
}

/* flagged (the converse): the blocking variant runs from a work item */
static int dr_led_set_blocking(struct led_classdev *led, enum led_brightness b)
{
	dr.buf = kzalloc(8, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(8, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'dr_led_set_blocking' may sleep: registered as 'brightness_set_blocking' of 'struct led_classdev' here
	return dr.buf ? 0 : -ENOMEM;
}

static struct led_classdev dr_led = {
	.name			= "dr",
	.brightness_set		= dr_led_set,
};

static struct led_classdev dr_led_slow = {
	.name			= "dr-slow",
	.brightness_set_blocking = dr_led_set_blocking,
};

/* flagged: start_tx runs under port->lock with interrupts off */
static void dr_start_tx(struct uart_port *port)
{
	dr.buf = kmalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(64, GFP_KERNEL) may sleep
// CHECK: note: 'dr_start_tx' runs in atomic context: registered as 'start_tx' of 'struct uart_ops' here
}

static const struct uart_ops dr_uart_ops = {
	.start_tx	= dr_start_tx,
};

/* flagged: clk enable runs under the enable spinlock */
static int dr_clk_enable(struct clk_hw *hw)
{
	dr.buf = kmalloc(4, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(4, GFP_KERNEL) may sleep
// CHECK: note: 'dr_clk_enable' runs in atomic context: registered as 'enable' of 'struct clk_ops' here
	return 0;
}

/* silent: prepare may sleep, and GFP_KERNEL is right there */
static int dr_clk_prepare(struct clk_hw *hw)
{
	dr.buf = kmalloc(4, GFP_KERNEL);
	return dr.buf ? 0 : -ENOMEM;
}

static const struct clk_ops dr_clk_ops = {
	.enable		= dr_clk_enable,
	.prepare	= dr_clk_prepare,
};

/* flagged: input events reach the device under event_lock */
static int dr_input_event(struct input_dev *dev, unsigned int type,
			  unsigned int code, int value)
{
	dr.buf = kmalloc(32, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_KERNEL) may sleep
// CHECK: note: 'dr_input_event' runs in atomic context: registered as 'event' of 'struct input_dev' here
	return 0;
}

void dr_input_setup(struct input_dev *idev)
{
	idev->event = dr_input_event;
}
EXPORT_SYMBOL_GPL(dr_input_setup);

/* flagged (the converse): sysfs store runs in process context */
static ssize_t mode_store(struct device *dev, struct device_attribute *attr,
			  const char *buf, size_t count)
{
	dr.buf = kmemdup(buf, count, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmemdup(buf, count, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'mode_store' may sleep: registered as 'store' of 'struct device_attribute' here
	return dr.buf ? count : -ENOMEM;
}

/* silent: the attribute's show takes a spinlock around its allocation */
static ssize_t mode_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	void *tmp;

	spin_lock(&dr.lock);
	tmp = kmalloc(16, GFP_ATOMIC);
	spin_unlock(&dr.lock);
	kfree(tmp);
	return 0;
}
static DEVICE_ATTR_RW(mode);

/* flagged (the converse): /proc writes come from the syscall */
static ssize_t dr_proc_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	dr.buf = kmalloc(count, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(count, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'dr_proc_write' may sleep: registered as 'proc_write' of 'struct proc_ops' here
	return dr.buf ? count : -ENOMEM;
}

static const struct proc_ops dr_proc_ops = {
	.proc_write	= dr_proc_write,
};

/* flagged (the converse): hw_params comes from the PCM's ioctl */
static int dr_hw_params(struct snd_pcm_substream *ss,
			struct snd_pcm_hw_params *params)
{
	dr.buf = kzalloc(256, GFP_ATOMIC);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(256, GFP_ATOMIC) dips into the atomic reserves, but this code may sleep
// CHECK: note: 'dr_hw_params' may sleep: registered as 'hw_params' of 'struct snd_pcm_ops' here
	return dr.buf ? 0 : -ENOMEM;
}

static const struct snd_pcm_ops dr_pcm_ops = {
	.hw_params	= dr_hw_params,
};

const void *dr_tables[] = { &dr_chip, &dr_led, &dr_led_slow, &dr_uart_ops,
			    &dr_clk_ops, &dev_attr_mode, &dr_proc_ops,
			    &dr_pcm_ops };
MODULE_LICENSE("GPL");
