/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;

/* The descriptor of one physical page, an entry of the memory map. */
struct page {
	unsigned long flags;
	union {
		struct {
			struct list_head lru;
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
		};
		struct {
			unsigned long pp_magic;
			void *pp;
			unsigned long dma_addr;
		};
	};
	atomic_t _mapcount;
	atomic_t _refcount;
};

/* A folio overlays the head page of a compound page. */
struct folio {
	unsigned long flags;
	struct list_head lru;
	struct address_space *mapping;
	unsigned long index;
	void *private;
	atomic_t _mapcount;
	atomic_t _refcount;
};

#endif /* _LINUX_MM_TYPES_H */
