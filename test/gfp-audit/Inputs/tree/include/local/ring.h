/* SPDX-License-Identifier: GPL-2.0 */
/* A driver-local header that both units include: its one bug must be
 * reported once, however many units include it. */
#ifndef _LOCAL_RING_H
#define _LOCAL_RING_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

/* The labyrinth: an atomic page allocation hidden behind a cast. */
#define labyrinth (void *)alloc_page(GFP_ATOMIC)

static inline struct page *ring_alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline void ring_clear(struct page *page)
{
	memset((void *)page, 0, PAGE_SIZE);	/* header bug */
}

#endif
