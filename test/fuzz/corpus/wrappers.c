0
static void *get_buf(gfp_t gfp) { return (void *)__get_free_pages(gfp, 1); }
static struct page *grab(gfp_t g) { return alloc_page(g | __GFP_ZERO); }
void use(void)
{
	struct page *p;
	void *b = get_buf(GFP_NOWAIT);
	if ((p = grab(GFP_ATOMIC)) == NULL || WARN_ON(!b))
		return;
	scoped_guard(spinlock, NULL) {
		p = unlikely(p) ? p : NULL;
	}
	__free_pages(p, 1);
	kfree(b);
	free_pages((unsigned long)b, 0);
	vfree(page_address(p));
}
