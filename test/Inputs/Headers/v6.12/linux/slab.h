/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy (6.12 shape). */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/alloc_tag.h>

void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *objp);
void *vmalloc(unsigned long size);
void vfree(const void *addr);

/* 6.10+: the array allocators are macros over alloc_hooks() and a _noprof
 * function, and kcalloc() adds __GFP_ZERO in its own body. */
void *kmalloc_array_noprof(size_t n, size_t size, gfp_t flags);
#define kmalloc_array(...)	alloc_hooks(kmalloc_array_noprof(__VA_ARGS__))
#define kcalloc(n, size, flags)	kmalloc_array(n, size, (flags) | __GFP_ZERO)
void *kvmalloc_array_node_noprof(size_t n, size_t size, gfp_t flags, int node);
#define kvmalloc_array_noprof(...)	kvmalloc_array_node_noprof(__VA_ARGS__, -1)
#define kvmalloc_array(...)	alloc_hooks(kvmalloc_array_noprof(__VA_ARGS__))

#endif /* _LINUX_SLAB_H */
