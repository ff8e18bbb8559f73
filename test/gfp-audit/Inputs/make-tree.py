#!/usr/bin/env python3
"""make-tree.py DEST [--no-broken] [--gcc] [--odd-names]: copies the audit
test tree to DEST and writes its compile_commands.json with absolute paths.
--gcc makes beta's commands look like a gcc kernel build (gcc, with flags
clang does not know). --odd-names moves alpha to a directory and file whose
names hold a space, quotes, angle brackets, '#', '%' and backticks."""
import json
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
headers = os.path.normpath(os.path.join(here, "..", "..", "Inputs", "Headers"))
dest = os.path.abspath(sys.argv[1])
opts = sys.argv[2:]
if os.path.exists(dest):
    shutil.rmtree(dest)
shutil.copytree(os.path.join(here, "tree"), dest)
units = ["drivers/net/alpha/alpha_rx.c", "drivers/char/beta/beta_dev.c",
         "drivers/char/beta/beta_ok.c", "broken/broken.c"]
if "--no-broken" in opts:
    units.remove("broken/broken.c")
if "--odd-names" in opts:
    odd = "drivers/net/al pha #1/alpha <rx> 'q' 50% `t`.c"
    os.makedirs(os.path.join(dest, os.path.dirname(odd)))
    shutil.move(os.path.join(dest, units[0]), os.path.join(dest, odd))
    units[0] = odd
flags = ["-std=gnu11", "-nostdinc",
         "-isystem", os.path.join(headers, "v6.12"),
         "-isystem", os.path.join(headers, "common"), "-D__KERNEL__"]
gcc_only = ["-fconserve-stack", "-fno-allow-store-data-races",
            "-mrecord-mcount", "-mindirect-branch=thunk-extern",
            # The kernel makes unknown -W flags errors, and gcc has -W flags
            # clang does not know: the unit must still be analysed.
            "-Werror=unknown-warning-option", "-Wno-maybe-uninitialized"]
db = []
for unit in units:
    directory = os.path.join(dest, os.path.dirname(unit))
    name = os.path.basename(unit)
    obj = name[:-2] + ".o"
    if "--gcc" in opts and "beta" in unit or " " in unit:
        cc = "gcc" if "beta" in unit else "clang"
        args = [cc] + flags + (gcc_only if cc == "gcc" else []) + \
            ["-c", "-o", obj, name]
        db.append({"directory": directory, "arguments": args,
                   "file": os.path.join(dest, unit)})
    else:
        cmd = " ".join(["clang"] + flags + ["-c", "-o", obj, name])
        db.append({"directory": directory, "command": cmd, "file": name})
with open(os.path.join(dest, "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=2)
