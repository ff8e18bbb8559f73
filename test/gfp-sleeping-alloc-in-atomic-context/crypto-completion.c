// The completion callback of an asynchronous crypto request runs wherever
// the implementation learns that the request is done: cryptd completes
// with bottom halves disabled, hardware drivers from their interrupt
// handlers. A sleeping allocation there is a bug; the code that submits
// the request stays process context.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'

#include <linux/gfp.h>
#include <linux/slab.h>
#include <crypto/skcipher.h>

struct tls_rx {
	struct skcipher_request req;
	struct aead_request areq;
	void *out;
	int err;
};

/* flagged: a completion callback allocates as if it could sleep */
static void tls_decrypt_done(void *data, int err)
{
	struct tls_rx *rx = data;

	rx->err = err;
	rx->out = kmalloc(256, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:12: warning: kmalloc(256, GFP_KERNEL) may sleep (direct reclaim), but this code runs in atomic context
// CHECK: :[[@LINE+18]]:2: note: 'tls_decrypt_done' runs in atomic context: crypto completion callback set with skcipher_request_set_callback here
}

/* silent: the completion callback allocates atomically */
static void tls_aead_done(void *data, int err)
{
	struct tls_rx *rx = data;

	rx->out = kmalloc(256, GFP_ATOMIC);
}

int tls_submit(struct tls_rx *rx)
{
	/* silent: the submitter runs in process context */
	void *iv = kmalloc(16, GFP_KERNEL);

	if (!iv)
		return -12;
	skcipher_request_set_callback(&rx->req, CRYPTO_TFM_REQ_MAY_SLEEP, tls_decrypt_done, rx);
	aead_request_set_callback(&rx->areq, 0, tls_aead_done, rx);
	kfree(iv);
	return crypto_skcipher_encrypt(&rx->req);
}
