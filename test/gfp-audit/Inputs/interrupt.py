#!/usr/bin/env python3
"""interrupt.py SECONDS CMD ARGS...: starts CMD in its own process group,
sends the group SIGINT after SECONDS (as Ctrl-C on a terminal does), and
prints CMD's output and then `exit: N`."""
import os
import signal
import subprocess
import sys
import time

proc = subprocess.Popen(sys.argv[2:], start_new_session=True)
time.sleep(float(sys.argv[1]))
os.killpg(proc.pid, signal.SIGINT)
code = proc.wait(timeout=60)
print(f"exit: {code}", flush=True)
