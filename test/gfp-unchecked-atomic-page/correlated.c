// A NULL check the code makes through a flag: the failure is recorded in an
// error code that is tested later, the allocation and its use sit under the
// same condition, or a small predicate of the unit does the test. Each silent
// function has a mirror that really uses the page unchecked.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'
// RUN: %gfp_tidy --checks='-*,gfp-unchecked-atomic-page' %t.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error}}:'

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

struct cmd {
	struct page *pg;
	unsigned int fails;
};

/* silent: the failure sets err, and `if (err)` leaves before the use */
int c_err_flag(struct cmd *c, const void *src, size_t len)
{
	struct page *page;
	int err = 0;

	page = alloc_page(GFP_ATOMIC);
	if (!page)
		err = -ENOMEM;
	if (len > PAGE_SIZE)
		err = -EINVAL;
	if (err)
		goto out;
	memcpy(page_address(page), src, len);
	c->pg = page;
out:
	return err;
}

/* silent: the same with `ret < 0` and the flag set in an else branch */
int c_err_negative(struct cmd *c, int (*prep)(void))
{
	struct page *page = alloc_page(GFP_ATOMIC);
	int ret;

	if (page == NULL)
		ret = -ENOMEM;
	else
		ret = prep();
	if (ret < 0)
		return ret;
	get_page(page);
	c->pg = page;
	return 0;
}

/* flagged: the flag is tested only after the use */
int c_err_flag_late(struct cmd *c, const void *src, size_t len)
{
	struct page *page;
	int err = 0;

	page = alloc_page(GFP_ATOMIC);
	if (!page)
		err = -ENOMEM;
	memcpy(page_address(page), src, len);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
	if (err)
		return err;
	c->pg = page;
	return 0;
}

/* flagged: the failure sets nothing, so `if (err)` proves nothing */
int c_err_other_cause(struct cmd *c, const void *src, size_t len)
{
	struct page *page;
	int err = 0;

	page = alloc_page(GFP_ATOMIC);
	if (!page)
		pr_err("no page\n");
	if (len > PAGE_SIZE)
		err = -EINVAL;
	if (err)
		return err;
	memcpy(page_address(page), src, len);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
	c->pg = page;
	return 0;
}

/* flagged: the flag is cleared again before it is tested */
int c_err_reset(struct cmd *c, const void *src, size_t len)
{
	struct page *page;
	int err = 0;

	page = alloc_page(GFP_ATOMIC);
	if (!page)
		err = -ENOMEM;
	err = 0;
	if (err)
		return err;
	memcpy(page_address(page), src, len);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
	c->pg = page;
	return 0;
}

/* silent: allocated, checked and used only when bounce is set */
int c_bounce(struct cmd *c, const void *src, size_t len, bool bounce)
{
	struct page *bp = NULL;

	if (bounce)
		bp = alloc_page(GFP_ATOMIC);
	if (bounce && !bp)
		return -ENOMEM;
	if (bounce) {
		memcpy(page_address(bp), src, len);
		c->pg = bp;
	}
	return 0;
}

/* flagged: allocated and used under the same flag, never checked */
int c_bounce_unchecked(struct cmd *c, const void *src, size_t len, bool bounce)
{
	struct page *bp = NULL;

	if (bounce)
		bp = alloc_page(GFP_ATOMIC);
	if (bounce) {
		memcpy(page_address(bp), src, len);
// CHECK: :[[@LINE-1]]:10: warning: 'bp' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
		c->pg = bp;
	}
	return 0;
}

static bool cmd_page_ok(struct cmd *c, struct page *p)
{
	if (likely(p))
		return true;
	c->fails++;
	return false;
}

static bool cmd_want_page(struct cmd *c, struct page *p)
{
	return c->fails < 4;
}

/* silent: the test is made by a predicate of the unit */
void c_predicate(struct cmd *c)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!cmd_page_ok(c, page))
		return;
	memset(page_address(page), 0, PAGE_SIZE);
	c->pg = page;
}

/* flagged: this predicate never looks at the page */
void c_not_a_predicate(struct cmd *c)
{
	struct page *page = alloc_page(GFP_ATOMIC);

	if (!cmd_want_page(c, page))
		return;
	memset(page_address(page), 0, PAGE_SIZE);
// CHECK: :[[@LINE-1]]:9: warning: 'page' from alloc_page(GFP_ATOMIC) is passed to 'page_address', which dereferences it, without a NULL check
// CHECK: note: page allocated here by alloc_page(GFP_ATOMIC)
	c->pg = page;
}
