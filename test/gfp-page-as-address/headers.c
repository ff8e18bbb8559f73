// Kernel trees include their headers with -I, not -isystem, so clang-tidy
// reports in them. The test headers' own page API stays silent, a header
// that IgnoredHeaderRegex names stays silent, and a finding in a driver's
// header is reported there, once.
//
// RUN: %strip_checks %s > %t.c
// RUN: %gfp_tidy --checks='-*,gfp-page-as-address' %t.c -- -std=gnu11 -nostdinc \
// RUN:   -I %S/../Inputs/mm-api/include -I %S/../Inputs/Headers/v6.12 \
// RUN:   -I %S/../Inputs/Headers/common -I %S/../Inputs/driver 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='{{warning|error|note}}:'
// RUN: %clang_tidy --load=%gfp_plugin --checks='-*,gfp-page-as-address' \
// RUN:   --config="{CheckOptions: {gfp-page-as-address.IgnoredHeaderRegex: 'none'}}" \
// RUN:   %t.c -- -std=gnu11 -nostdinc \
// RUN:   -I %S/../Inputs/mm-api/include -I %S/../Inputs/Headers/v6.12 \
// RUN:   -I %S/../Inputs/Headers/common -I %S/../Inputs/driver 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NOIGNORE

#include <linux/kernel.h>
#include <linux/highmem.h>
#include <linux/highmem-internal.h>
#include <linux/skbuff.h>
#include "foo_hw.h"

// CHECK: foo_hw.h:11:9: warning: the page descriptor from alloc_page(GFP_ATOMIC) converted to 'void *'

static void *foo_use(void)
{
	return foo_hw_rx_buf();
}

// NOIGNORE: highmem-internal.h:13:9: warning: page descriptor 'page' converted to 'void *' and used as memory
