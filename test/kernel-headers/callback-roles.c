// Callbacks the kernel calls where they cannot sleep, installed in a field
// or registered by a call, on Debian's real linux-headers 6.1 and 6.12: a
// socket's sk_data_ready/sk_write_space/sk_state_change/sk_error_report
// (TCP calls them from its softirq receive path), a SCSI host's
// queuecommand (softirq or process context), a DMA descriptor's completion
// callback (the DMA engine's tasklet), blk-mq's complete (softirq or IPI),
// an irq_work (hard interrupt) and ndo_get_stats64 (under RCU).
//
// REQUIRES: kernel-headers
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context,gfp-atomic-in-sleepable-context' %t.c -- %khdr612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/dmaengine.h>
#include <linux/irq_work.h>
#include <linux/blk-mq.h>
#include <net/sock.h>
#include <linux/netdevice.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_cmnd.h>

struct cb_conn {
	struct sock *sk;
	struct work_struct rx_work;
	struct irq_work kick;
	void *buf;
};

/* flagged: TCP calls it from softirq */
static void cb_data_ready(struct sock *sk)
{
	struct cb_conn *c = sk->sk_user_data;

	c->buf = kmalloc(256, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(256, GFP_KERNEL) may sleep
// CHECK: note: 'cb_data_ready' runs in atomic context: registered as 'sk_data_ready' of 'struct sock' here
	queue_work(system_wq, &c->rx_work);
}

/* silent: the right flags where the code cannot sleep */
static void cb_write_space(struct sock *sk)
{
	struct cb_conn *c = sk->sk_user_data;

	c->buf = kmalloc(64, GFP_ATOMIC);
}

/* flagged: the error report, from tcp_reset() in softirq */
static void cb_error_report(struct sock *sk)
{
	struct cb_conn *c = sk->sk_user_data;

	c->buf = kzalloc(64, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kzalloc(64, GFP_KERNEL) may sleep
// CHECK: note: 'cb_error_report' runs in atomic context: registered as 'sk_error_report' of 'struct sock' here
}

/* silent: the work the callback queues may sleep */
static void cb_rx_work(struct work_struct *w)
{
	struct cb_conn *c = container_of(w, struct cb_conn, rx_work);

	c->buf = kmalloc(4096, GFP_KERNEL);
}

/* flagged: irq_work callbacks run in hard interrupt context */
static void cb_kick(struct irq_work *w)
{
	struct cb_conn *c = container_of(w, struct cb_conn, kick);

	c->buf = kmalloc(32, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(32, GFP_KERNEL) may sleep
// CHECK: note: 'cb_kick' runs in atomic context: irq_work callback registered with init_irq_work here
}

void cb_attach(struct cb_conn *c, struct sock *sk)
{
	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = c;
	sk->sk_data_ready = cb_data_ready;
	sk->sk_write_space = cb_write_space;
	sk->sk_error_report = cb_error_report;
	write_unlock_bh(&sk->sk_callback_lock);
	INIT_WORK(&c->rx_work, cb_rx_work);
	init_irq_work(&c->kick, cb_kick);
}
EXPORT_SYMBOL_GPL(cb_attach);

/* flagged: the DMA engine calls it from its tasklet */
static void cb_dma_done(void *arg)
{
	struct cb_conn *c = arg;

	c->buf = kmalloc(128, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:11: warning: kmalloc(128, GFP_KERNEL) may sleep
// CHECK: note: 'cb_dma_done' runs in atomic context: registered as 'callback' of 'struct dma_async_tx_descriptor' here
}

int cb_start_dma(struct cb_conn *c, struct dma_chan *chan, dma_addr_t dst,
		 dma_addr_t src, size_t len)
{
	struct dma_async_tx_descriptor *tx;

	tx = dmaengine_prep_dma_memcpy(chan, dst, src, len, DMA_PREP_INTERRUPT);
	if (!tx)
		return -ENOMEM;
	tx->callback = cb_dma_done;
	tx->callback_param = c;
	dmaengine_submit(tx);
	return 0;
}
EXPORT_SYMBOL_GPL(cb_start_dma);

/* flagged: queuecommand runs in softirq or process context */
static int cb_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *cmd)
{
	void *sense = kzalloc(96, GFP_KERNEL);
// CHECK: :[[@LINE-1]]:16: warning: kzalloc(96, GFP_KERNEL) may sleep
// CHECK: note: 'cb_queuecommand' runs in atomic context: registered as 'queuecommand' of 'struct scsi_host_template' here

	if (!sense)
		return SCSI_MLQUEUE_HOST_BUSY;
	kfree(sense);
	return 0;
}

static const struct scsi_host_template cb_sht = {
	.name		= "cb",
	.queuecommand	= cb_queuecommand,
};

/* silent: GFP_ATOMIC in blk-mq's completion is right */
static void cb_complete(struct request *rq)
{
	void *p = kmalloc(16, GFP_ATOMIC);

	kfree(p);
}

static const struct blk_mq_ops cb_mq_ops = {
	.complete	= cb_complete,
};

/* flagged: /proc/net/dev reads the stats under rcu_read_lock() */
static void cb_get_stats64(struct net_device *dev,
			   struct rtnl_link_stats64 *stats)
{
	u64 *snap = kcalloc(16, sizeof(u64), GFP_KERNEL);
// CHECK: :[[@LINE-1]]:14: warning: kcalloc(16, sizeof(u64), GFP_KERNEL) may sleep
// CHECK: note: 'cb_get_stats64' runs in atomic context: registered as 'ndo_get_stats64' of 'struct net_device_ops' here

	kfree(snap);
}

static const struct net_device_ops cb_netdev_ops = {
	.ndo_get_stats64	= cb_get_stats64,
};

const void *cb_tables[] = { &cb_sht, &cb_mq_ops, &cb_netdev_ops };
MODULE_LICENSE("GPL");
