/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: URBs and their fillers. */
#ifndef __LINUX_USB_H
#define __LINUX_USB_H

#include <linux/types.h>

struct usb_device;
struct urb;
typedef void (*usb_complete_t)(struct urb *);

struct urb {
	struct usb_device *dev;
	unsigned int pipe;
	void *transfer_buffer;
	u32 transfer_buffer_length;
	int status;
	void *context;
	usb_complete_t complete;
};

static inline void usb_fill_bulk_urb(struct urb *urb, struct usb_device *dev,
				     unsigned int pipe, void *buf, int len,
				     usb_complete_t complete_fn, void *context)
{
	urb->dev = dev;
	urb->pipe = pipe;
	urb->transfer_buffer = buf;
	urb->transfer_buffer_length = len;
	urb->complete = complete_fn;
	urb->context = context;
}

int usb_submit_urb(struct urb *urb, gfp_t mem_flags);
int usb_control_msg(struct usb_device *dev, unsigned int pipe, u8 request,
		    u8 requesttype, u16 value, u16 index, void *data, u16 size,
		    int timeout);

#endif
