// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Events: methods with no arguments, and one that forwards a payload. */
#include "nv.h"

int nv_event_block(struct nv_event *event)
{
	return nv_mthd(&event->object, 1, NULL, 0);
}

int nv_event_push(struct nv_event *event, void *data, u32 size)
{
	return nv_mthd(&event->object, 2, data, size);
}

int nv_event_sclass(struct nv_event *event)
{
	return nv_object_sclass(&event->object, 0);
}

int nv_event_query(struct nv_event *event)
{
	return nv_object_query(&event->object, 0);
}
