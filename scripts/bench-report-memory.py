#!/usr/bin/env python3
"""bench-report-memory.py [--findings N] [--audit PATH]: peak memory of
gfp-audit writing each report format for one unit with N findings (default
10,000), each with notes and a five-line excerpt, as `gfp-audit merge` reads
them from a results file. Prints the peak resident size of each run and its
ratio to the --json run (the baseline: the same input written back)."""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
ap = argparse.ArgumentParser()
ap.add_argument("--findings", type=int, default=10000)
ap.add_argument("--audit", default=os.path.join(here, "..", "build", "bin", "gfp-audit"))
args = ap.parse_args()

line = "\tmemset((void *)page, 0, PAGE_SIZE);\t/* page used as memory, a long comment */"
findings = []
for i in range(args.findings):
    loc = {"file": "drivers/net/big/big_main.c", "line": 10 + i, "column": 9}
    findings.append({
        "check": "gfp-page-as-address",
        "message": f"page descriptor 'page{i}' converted to 'void *' and used as memory: "
                   "a 'struct page *' is not the page's memory; use page_address()",
        "location": loc,
        "notes": [{"message": f"note {k}: page allocated here by alloc_page(GFP_ATOMIC)",
                   "location": dict(loc, line=loc["line"] - k)} for k in range(1, 6)],
        "excerpt": {"startLine": loc["line"] - 2, "lines": [line] * 5},
        "hasFix": True,
        "fixes": [{"begin": loc, "end": dict(loc, column=24), "text": "page_address(page)"}],
        "fingerprint": f"{i:016x}", "unit": "drivers/net/big/big_main.c",
        "units": 1, "new": True})
results = {"format": "gfp-audit-results", "version": 1, "root": "/src/linux",
           "checks": ["gfp-page-as-address"], "options": "",
           "units": [{"file": "drivers/net/big/big_main.c", "analysed": True,
                      "findings": len(findings), "seconds": 1.0}],
           "findings": findings, "inventory": [], "droppedFlags": {}}

with tempfile.TemporaryDirectory() as tmp:
    src = os.path.join(tmp, "results.json")
    with open(src, "w") as f:
        json.dump(results, f)
    peaks = {}
    for fmt in ("json", "sarif", "html", "markdown"):
        out = os.path.join(tmp, "out." + fmt)
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.execv(args.audit, [args.audit, "merge", "--quiet", "--" + fmt, out, src])
        _, status, usage = os.wait4(pid, 0)
        peaks[fmt] = usage.ru_maxrss / 1024.0
        size = os.path.getsize(out) / 1e6 if os.path.exists(out) else 0
        print(f"{fmt:9s} peak {peaks[fmt]:8.1f} MB  report {size:7.1f} MB  "
              f"ratio to json {peaks[fmt] / peaks['json']:.2f}")
