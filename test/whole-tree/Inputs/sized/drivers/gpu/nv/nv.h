/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* A GPU driver split like nouveau's nvif layer: a method call copies its
 * arguments into a buffer on the stack, and allocates one only when they
 * do not fit; the fence code calls some methods with no arguments under
 * its spinlock. */
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/overflow.h>

struct nv_object {
	u32 handle;
};

struct nv_event {
	struct nv_object object;
};

struct nv_fence_chan {
	spinlock_t lock;
	struct nv_event event;
	u8 log[64];
};

int nv_object_mthd(struct nv_object *object, u32 mthd, void *data, u32 size);
int nv_object_sclass(struct nv_object *object, u32 count);
int nv_object_query(struct nv_object *object, u32 count);
#define nv_mthd(a, b, c, d) nv_object_mthd((a), (b), (c), (d))

int nv_event_block(struct nv_event *event);
int nv_event_push(struct nv_event *event, void *data, u32 size);
int nv_event_sclass(struct nv_event *event);
int nv_event_query(struct nv_event *event);
