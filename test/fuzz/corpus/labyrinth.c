0
#define labyrinth (void *)alloc_page(GFP_ATOMIC)
struct rx { struct page *page; void *buf; spinlock_t lock; };
static int rx_fill(struct rx *r)
{
	r->buf = labyrinth;
	memset(r->buf, 0, 64);
	r->page = alloc_pages(GFP_ATOMIC, 2);
	if (!r->page)
		return -ENOMEM;
	get_page(r->page);
	free_page((unsigned long)r->page);
	return 0;
}
