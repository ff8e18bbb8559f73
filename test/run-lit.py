#!/usr/bin/env python3
"""Runs lit and closes with a plain `N passed, N failed` line for CI."""
import re
import subprocess
import sys

lit, suite = sys.argv[1], sys.argv[2]
proc = subprocess.run([lit, "-sv", suite], stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT, text=True)
sys.stdout.write(proc.stdout)
passed = failed = 0
for line in proc.stdout.splitlines():
    m = re.match(r"\s*(Passed|Expectedly Failed)\s*:\s*(\d+)", line)
    if m:
        passed += int(m.group(2))
    m = re.match(r"\s*(Failed|Unexpectedly Passed|Unresolved|Timed Out)\s*:\s*(\d+)",
                 line)
    if m:
        failed += int(m.group(2))
print(f"{passed} passed, {failed} failed")
sys.exit(proc.returncode)
