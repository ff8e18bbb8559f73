// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The fence context: everything here runs under the channel's spinlock. */
#include "nv.h"

void nv_fence_context_kill(struct nv_fence_chan *fctx)
{
	unsigned long flags;

	spin_lock_irqsave(&fctx->lock, flags);
	nv_event_block(&fctx->event);
	nv_event_sclass(&fctx->event);
	nv_event_query(&fctx->event);
	spin_unlock_irqrestore(&fctx->lock, flags);
}

void nv_fence_report(struct nv_fence_chan *fctx)
{
	unsigned long flags;

	spin_lock_irqsave(&fctx->lock, flags);
	nv_event_push(&fctx->event, fctx->log, sizeof(fctx->log));
	spin_unlock_irqrestore(&fctx->lock, flags);
}
