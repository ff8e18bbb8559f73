/* SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception */
/* Kernel-style test header written for gfp-tidy: asynchronous requests of
 * the crypto API, with the completion type of Linux 6.3 and later. */
#ifndef _CRYPTO_SKCIPHER_H
#define _CRYPTO_SKCIPHER_H

#include <linux/types.h>

typedef void (*crypto_completion_t)(void *data, int err);

struct crypto_async_request {
	crypto_completion_t complete;
	void *data;
	u32 flags;
};

struct skcipher_request {
	unsigned int cryptlen;
	struct crypto_async_request base;
};

struct aead_request {
	unsigned int assoclen;
	struct crypto_async_request base;
};

#define CRYPTO_TFM_REQ_MAY_SLEEP	0x00000200
#define CRYPTO_TFM_REQ_MAY_BACKLOG	0x00000400

static inline void skcipher_request_set_callback(struct skcipher_request *req,
						 u32 flags,
						 crypto_completion_t compl,
						 void *data)
{
	req->base.complete = compl;
	req->base.data = data;
	req->base.flags = flags;
}

static inline void aead_request_set_callback(struct aead_request *req,
					     u32 flags,
					     crypto_completion_t compl,
					     void *data)
{
	req->base.complete = compl;
	req->base.data = data;
	req->base.flags = flags;
}

int crypto_skcipher_encrypt(struct skcipher_request *req);
int crypto_aead_decrypt(struct aead_request *req);

#endif /* _CRYPTO_SKCIPHER_H */
