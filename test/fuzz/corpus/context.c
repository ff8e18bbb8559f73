1
struct foo { spinlock_t lock; struct timer_list t; void *buf; struct page *p; };
static void helper(struct foo *f) { f->buf = kmalloc(32, GFP_KERNEL); }
static void foo_timer(struct timer_list *t)
{
	struct foo *f = from_timer(f, t, t);
	unsigned long flags;
	spin_lock_irqsave(&f->lock, flags);
	helper(f);
	f->p = alloc_page(GFP_KERNEL);
	spin_unlock_irqrestore(&f->lock, flags);
}
static int foo_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct foo *f = kzalloc(sizeof(*f), GFP_ATOMIC);
	if (!f)
		return -ENOMEM;
	timer_setup(&f->t, foo_timer, 0);
	mutex_lock(NULL);
	return 0;
}
static struct pci_driver foo_driver = { .probe = foo_probe };
