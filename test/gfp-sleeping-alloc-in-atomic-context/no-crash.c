// Malformed input: the compiler's errors are reported, the check stays
// silent on a unit that does not compile (even where its shapes are
// present: a sleeping allocation under a spinlock, GFP_ATOMIC after a
// mutex, a page freed with the wrong order), and nothing crashes (`not`
// fails on a crash). The unit is shared with the other checks' no-crash
// tests: test/Inputs/broken/context-and-free.c.
//
// RUN: not %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %S/../Inputs/broken/context-and-free.c -- %kflags61 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'
// RUN: not %gfp_tidy --checks='-*,gfp-sleeping-alloc-in-atomic-context' %S/../Inputs/broken/context-and-free.c -- %kflags612 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not='warning:'

// CHECK: error:
// CHECK: Found compiler error
