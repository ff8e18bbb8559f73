// worker-hooks.c: a test-only library, preloaded (LD_PRELOAD) into
// gfp-audit by the lit tests, that makes chosen workers fail the way real
// ones do: GFP_TEST_CRASH_ON=TEXT aborts, and GFP_TEST_HANG_ON=TEXT hangs,
// the worker whose request names a unit containing TEXT. The driver is left
// alone. gfp-audit itself carries no test hooks.
//
// A crash happens as the worker starts. A hang happens once the worker has
// set itself up (it asks for its parent's pid right after arranging to die
// with it), so that a hung worker is what a worker stuck in a unit is.
//
// Part of gfp-tidy, under the Apache License v2.0 with LLVM Exceptions.
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int HangHere;

/* Reads at most Size - 1 bytes of Path into Buf; returns the length. */
static size_t readAll(const char *Path, char *Buf, size_t Size) {
  int FD = open(Path, O_RDONLY);
  if (FD < 0)
    return 0;
  size_t Len = 0;
  ssize_t N;
  while (Len + 1 < Size && (N = read(FD, Buf + Len, Size - 1 - Len)) > 0)
    Len += (size_t)N;
  close(FD);
  Buf[Len] = 0;
  return Len;
}

/* The value of the request's "file" member, in place. */
static const char *unitOf(char *Request) {
  char *Key = strstr(Request, "\"file\":\"");
  if (!Key)
    return "";
  char *Value = Key + strlen("\"file\":\"");
  char *End = strchr(Value, '"');
  if (End)
    *End = 0;
  return Value;
}

__attribute__((constructor)) static void gfpTestHooks(void) {
  static char Cmdline[4096];
  size_t Len = readAll("/proc/self/cmdline", Cmdline, sizeof(Cmdline));
  /* argv[0] NUL argv[1] NUL argv[2] */
  size_t First = strlen(Cmdline) + 1;
  if (First >= Len || strcmp(Cmdline + First, "__worker") != 0)
    return;
  const char *RequestPath = Cmdline + First + strlen("__worker") + 1;
  static char Request[1 << 16];
  readAll(RequestPath, Request, sizeof(Request));
  const char *Unit = unitOf(Request);
  const char *Crash = getenv("GFP_TEST_CRASH_ON");
  const char *Hang = getenv("GFP_TEST_HANG_ON");
  if (Crash && *Crash && strstr(Unit, Crash))
    abort();
  if (Hang && *Hang && strstr(Unit, Hang))
    HangHere = 1;
}

pid_t getppid(void) {
  while (HangHere)
    pause();
  return (pid_t)syscall(SYS_getppid);
}
