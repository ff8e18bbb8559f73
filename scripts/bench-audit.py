#!/usr/bin/env python3
"""bench-audit.py -p BUILD_DIR [-j N] [paths...]: times gfp-audit over a
compilation database against run-clang-tidy with the plugin over the same
units (the baseline), and prints both wall times and their ratio.

Both run every gfp check with N workers; gfp-audit also writes its HTML,
SARIF and JSON reports, as an audit would. Run it on an otherwise idle
machine: the ratio is what to compare, not the seconds."""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("-p", required=True, help="directory of compile_commands.json")
ap.add_argument("-j", type=int, default=os.cpu_count())
ap.add_argument("--build", default=os.path.join(root, "build"))
ap.add_argument("paths", nargs="*")
args = ap.parse_args()
llvm = "/usr/lib/llvm-22/bin"
audit = os.path.join(args.build, "bin", "gfp-audit")
plugin = os.path.join(args.build, "lib", "GfpTidy.so")
db = os.path.abspath(args.p)


def clean_depfiles(since):
    # clang-tidy runs the kernel's commands, which ask for dependency files.
    for path in glob.glob(os.path.join(db, "**", ".*.o.d"), recursive=True):
        if os.path.getmtime(path) >= since:
            os.remove(path)


with tempfile.TemporaryDirectory() as tmp:
    start = time.time()
    a = subprocess.run([audit, "-p", db, "-j", str(args.j), "--quiet",
                        "--html", os.path.join(tmp, "r.html"),
                        "--sarif", os.path.join(tmp, "r.sarif"),
                        "--json", os.path.join(tmp, "r.json")] + args.paths,
                       stdout=subprocess.DEVNULL)
    audit_s = time.time() - start
    clean_depfiles(start)
    results = json.load(open(os.path.join(tmp, "r.json")))
    units = len(results["units"])
    lost = sum(1 for u in results["units"] if not u["analysed"])
    findings = len(results["findings"])

start = time.time()
b = subprocess.run([os.path.join(llvm, "run-clang-tidy"), "-quiet",
                    "-j", str(args.j),
                    "-clang-tidy-binary", os.path.join(llvm, "clang-tidy"),
                    "-load", plugin, "-checks=-*,gfp-*", "-p", db] + args.paths,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
base_s = time.time() - start
clean_depfiles(start)
base_findings = b.stdout.count("warning: ")

print(f"units {units}  not analysed {lost}  findings {findings} "
      f"(run-clang-tidy: {base_findings} warnings, headers repeated)")
print(f"gfp-audit {audit_s:.1f} s (exit {a.returncode})  "
      f"run-clang-tidy -load {base_s:.1f} s (exit {b.returncode})")
print(f"ratio {audit_s / base_s:.3f}")
