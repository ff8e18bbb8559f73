#!/usr/bin/env python3
"""make-project.py DEST FILE...: copies kernel-style FILEs to DEST and writes
the compile_commands.json (for the .c files) (6.12-style test headers) and the .clangd that an
editor's project would have, with the gfp checks on."""
import json
import os
import shutil
import sys

here = os.path.dirname(os.path.abspath(__file__))
headers = os.path.normpath(os.path.join(here, "..", "..", "Inputs", "Headers"))
dest = os.path.abspath(sys.argv[1])
os.makedirs(dest, exist_ok=True)
db = []
for f in sys.argv[2:]:
    shutil.copy(f, dest)
    name = os.path.basename(f)
    if not name.endswith(".c"):
        continue
    db.append({"directory": dest, "file": os.path.join(dest, name),
               "arguments": ["clang", "-std=gnu11", "-nostdinc",
                             "-isystem", os.path.join(headers, "v6.12"),
                             "-isystem", os.path.join(headers, "common"),
                             "-D__KERNEL__", "-c", name]})
with open(os.path.join(dest, "compile_commands.json"), "w") as out:
    json.dump(db, out, indent=2)
shutil.copy(os.path.join(here, "clangd.yaml"), os.path.join(dest, ".clangd"))
# The nearest .clang-tidy wins: this one keeps the settings of whatever tree
# DEST sits in (gfp-tidy's own, in a build directory) out of the test.
with open(os.path.join(dest, ".clang-tidy"), "w") as out:
    out.write("Checks: '-*,gfp-*'\nWarningsAsErrors: ''\n")
