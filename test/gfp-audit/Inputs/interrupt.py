#!/usr/bin/env python3
"""interrupt.py SECONDS [--signal=NAME] CMD ARGS...: starts CMD in its own
process group, sends the group SIGINT (or SIGNAME) after SECONDS (as Ctrl-C
on a terminal does), and prints CMD's output and then `exit: N`."""
import os
import signal
import subprocess
import sys
import time

args = sys.argv[2:]
sig = signal.SIGINT
if args and args[0].startswith("--signal="):
    sig = getattr(signal, "SIG" + args[0].split("=", 1)[1])
    args = args[1:]
proc = subprocess.Popen(args, start_new_session=True)
time.sleep(float(sys.argv[1]))
os.killpg(proc.pid, sig)
code = proc.wait(timeout=60)
print(f"exit: {code}", flush=True)
