/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: the 6.10+ allocation
 * hooks, with memory-allocation profiling configured out. */
#ifndef _LINUX_ALLOC_TAG_H
#define _LINUX_ALLOC_TAG_H

struct alloc_tag {
	long bytes;
};

#define DEFINE_ALLOC_TAG(_alloc_tag)
static inline struct alloc_tag *alloc_tag_save(struct alloc_tag *tag) { return tag; }
static inline void alloc_tag_restore(struct alloc_tag *tag, struct alloc_tag *old) { }

#define alloc_hooks_tag(_tag, _do_alloc)				\
({									\
	struct alloc_tag * __maybe_unused _old = alloc_tag_save(_tag);	\
	typeof(_do_alloc) _res = _do_alloc;				\
	alloc_tag_restore(_tag, _old);					\
	_res;								\
})

#define alloc_hooks(_do_alloc)						\
({									\
	struct alloc_tag _alloc_tag;					\
	DEFINE_ALLOC_TAG(_alloc_tag);					\
	alloc_hooks_tag(&_alloc_tag, _do_alloc);			\
})

#endif /* _LINUX_ALLOC_TAG_H */
