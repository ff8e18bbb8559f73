// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Method calls to the GPU's objects. */
#include "nv.h"

struct nv_args {
	u32 version;
	u32 method;
	u8 data[];
};

/* silent for the fence's nv_event_block(): with size 0 the arguments fit
 * the stack buffer (6.12's spelling, through check_add_overflow());
 * flagged for nv_event_push(), which passes its caller's size */
int nv_object_mthd(struct nv_object *object, u32 mthd, void *data, u32 size)
{
	struct nv_args *args;
	u32 args_size;
	u8 stack[128];

	if (check_add_overflow(sizeof(*args), size, &args_size))
		return -ENOMEM;

	if (args_size > sizeof(stack)) {
		args = kmalloc(args_size, GFP_KERNEL);
		if (!args)
			return -ENOMEM;
	} else {
		args = (void *)stack;
	}
	args->method = mthd;
	memcpy(args->data, data, size);
	if (args != (void *)stack)
		kfree(args);
	return 0;
}

/* silent: 6.1's spelling of the same test, with the size in the condition */
int nv_object_sclass(struct nv_object *object, u32 count)
{
	struct nv_args *args;
	u8 stack[128];

	if (sizeof(*args) + count * sizeof(u32) > sizeof(stack)) {
		args = kmalloc(sizeof(*args) + count * sizeof(u32), GFP_KERNEL);
		if (!args)
			return -ENOMEM;
	} else {
		args = (void *)stack;
	}
	args->version = count;
	if (args != (void *)stack)
		kfree(args);
	return 0;
}

/* flagged: the test holds for a count of 0 too (the buffer is smaller than
 * the header), so passing 0 proves nothing */
int nv_object_query(struct nv_object *object, u32 count)
{
	struct nv_args *args;
	u8 stack[4];

	if (sizeof(*args) + count > sizeof(stack)) {
		args = kmalloc(sizeof(*args) + count, GFP_KERNEL);
		if (!args)
			return -ENOMEM;
	} else {
		args = (void *)stack;
	}
	args->version = count;
	if (args != (void *)stack)
		kfree(args);
	return 0;
}
