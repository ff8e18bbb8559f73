// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/*
 * foo: the interrupt handler and the Rx path of the example driver.
 */
#include <linux/interrupt.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include "foo.h"

irqreturn_t foo_intr(int irq, void *data)
{
	struct foo_priv *priv = data;
	void *buf = labyrinth;		/* BUG (gfp-page-as-address) */

	/* The NULL check is right: GFP_ATOMIC fails under pressure. */
	if (!buf)
		return IRQ_NONE;

	memset(buf, 0, FOO_RX_BUF_LEN);	/* writes over the memory map */
	priv->scratch = buf;
	napi_schedule(&priv->napi);
	return IRQ_HANDLED;
}

int foo_refill_rx(struct foo_priv *priv, gfp_t gfp)
{
	int i;

	for (i = 0; i < FOO_RX_RING_SIZE; i++) {
		struct page *page = foo_alloc_rx_page(gfp);

		/* OK: a ring refill that stops on failure. */
		if (!page)
			return -ENOMEM;
		priv->rx[i].page = page;
		priv->rx[i].offset = 0;
	}
	return 0;
}

static void foo_rx_one(struct foo_priv *priv, struct napi_struct *napi,
		       unsigned int len)
{
	struct foo_rx_buf *rx = &priv->rx[priv->rx_next];
	struct sk_buff *skb;
	void *va;

	skb = napi_alloc_skb(napi, 128);
	if (!skb)
		return;

	/* OK: the page's memory comes from kmap_local_page(). */
	va = kmap_local_page(rx->page);
	memcpy(skb->data, va + rx->offset, 64);
	kunmap_local(va);
	skb_add_rx_frag(skb, 0, rx->page, rx->offset + 64, len - 64,
			FOO_RX_BUF_LEN);

	/* BUG (gfp-unchecked-atomic-page): dev_alloc_page() may fail in NAPI
	 * context, and get_page() dereferences the result. */
	rx->page = dev_alloc_page();
	get_page(rx->page);
	rx->offset = 0;

	napi_gro_receive(napi, skb);
}

static void foo_rx_copybreak(struct foo_priv *priv, struct sk_buff *skb)
{
	struct page *page = dev_alloc_page();

	if (!page)
		return;
	/* BUG (gfp-page-as-address): copies into the descriptor. */
	memcpy((void *)page, skb->data, skb->len);
	__free_page(page);
}

int foo_rx_poll(struct napi_struct *napi, int budget)
{
	struct foo_priv *priv = container_of(napi, struct foo_priv, napi);
	int done = 0;

	while (done < budget) {
		foo_rx_one(priv, napi, 1500);
		done++;
	}
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}
