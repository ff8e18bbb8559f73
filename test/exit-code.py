#!/usr/bin/env python3
"""exit-code.py CMD ARGS...: runs CMD, passes its output through, and then
prints `exit: N` on stdout, exiting 0. lit's shell has no $?, and `not`
only tells zero from non-zero; gfp-audit's exit codes say more."""
import subprocess
import sys

proc = subprocess.run(sys.argv[1:])
sys.stdout.flush()
print(f"exit: {proc.returncode}", flush=True)
