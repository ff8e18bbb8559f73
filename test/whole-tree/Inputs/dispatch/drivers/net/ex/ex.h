/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A network driver split like e1000: the adapter holds its own receive
 * routines, chosen at open by the frame size and called through the
 * adapter from the NAPI poll and from the configuration path; the
 * hardware generation's ops live in another file. */
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/netdevice.h>
#include <linux/container_of.h>

struct ex_adapter;

struct ex_hw_ops {
	void (*reset)(struct ex_adapter *a);
};

struct ex_adapter {
	struct napi_struct napi;
	const struct ex_hw_ops *hw;
	void (*alloc_rx_buf)(struct ex_adapter *a, int count);
	bool (*clean_rx)(struct ex_adapter *a, int budget);
	void (*log)(struct ex_adapter *a);
	void *rx_buf;
	struct page *rx_page;
	void *regs;
	bool jumbo;
};

extern const struct ex_hw_ops ex_hw_a_ops;
extern const struct ex_hw_ops ex_hw_b_ops;
