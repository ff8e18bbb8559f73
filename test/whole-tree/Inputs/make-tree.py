#!/usr/bin/env python3
"""make-tree.py SRC DEST: copies the test tree SRC to DEST and writes its
compile_commands.json, one kbuild-like command per .c file. Units under
drivers/ are module code (-DMODULE, as kbuild compiles a module's objects);
the others are built in."""
import json
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
headers = os.path.normpath(os.path.join(here, "..", "..", "Inputs", "Headers"))
src, dest = sys.argv[1], os.path.abspath(sys.argv[2])
if os.path.exists(dest):
    shutil.rmtree(dest)
shutil.copytree(src, dest)
db = []
for root, _, files in os.walk(dest):
    for name in sorted(files):
        if not name.endswith(".c"):
            continue
        rel = os.path.relpath(os.path.join(root, name), dest)
        args = ["clang", "-std=gnu11", "-nostdinc",
                "-isystem", os.path.join(headers, "v6.12"),
                "-isystem", os.path.join(headers, "common"),
                "-I", os.path.join(dest, "include"), "-D__KERNEL__"]
        if rel.startswith("drivers/"):
            mod = os.path.basename(os.path.dirname(rel))
            args += ["-DMODULE", "-DKBUILD_MODNAME=\"%s\"" % mod]
        args += ["-c", "-o", name[:-2] + ".o", name]
        db.append({"directory": root, "arguments": args,
                   "file": os.path.join(root, name)})
db.sort(key=lambda e: e["file"])
with open(os.path.join(dest, "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=2)
