1
struct q { struct page **pages; int n; rwlock_t l; };
static irqreturn_t q_irq(int irq, void *dev)
{
	struct q *q = dev;
	int i;
	for (i = 0; i < q->n; i++) {
		q->pages[i] = alloc_page(GFP_ATOMIC);
		if (IS_ERR_OR_NULL(q->pages[i]))
			break;
		write_lock(&q->l);
		q->pages[i]->flags = 0;
		write_unlock(&q->l);
	}
	goto out;
out:
	return IRQ_HANDLED;
}
int q_init(struct q *q) { return request_irq(1, q_irq, 0, "q", q); }
