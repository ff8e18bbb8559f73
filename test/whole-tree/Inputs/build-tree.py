#!/usr/bin/env python3
"""build-tree.py TREE COMPILER [ARG...]: compiles every unit of TREE's
compile_commands.json as a build would, with COMPILER and ARGs in place of
the recorded compiler. Prints what the compiler prints; exits 1 when a
compile fails."""
import json
import os
import subprocess
import sys

tree, compiler = sys.argv[1], sys.argv[2:]
status = 0
with open(os.path.join(tree, "compile_commands.json")) as f:
    db = json.load(f)
for entry in db:
    args = compiler + entry["arguments"][1:]
    done = subprocess.run(args, cwd=entry["directory"], stderr=subprocess.PIPE,
                          text=True)
    sys.stdout.write(done.stderr)
    status |= done.returncode != 0
sys.exit(status)
