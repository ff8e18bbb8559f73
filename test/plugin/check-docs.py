#!/usr/bin/env python3
"""check-docs.py DOCS_DIR CHECKS_FILE CONFIG_FILE

Each check page must have the sections listed in `sections` below (why it
matters, examples, how it decides, options, fix-its, known limitations) and
mention every option the check stores. Prints one line per problem; exit 1
if any.
"""
import os
import re
import sys

docs_dir, checks_file, config_file = sys.argv[1:4]
checks = [c.strip() for c in open(checks_file) if c.strip()]
options = {}
for line in open(config_file):
    m = re.match(r"\s*(gfp-[a-z-]+)\.(\w+):", line)
    if m:
        options.setdefault(m.group(1), []).append(m.group(2))

sections = ["## Why it matters", "## Examples", "## How it decides",
            "## Options", "## Fix-its", "## Known limitations"]
problems = []
for check in checks:
    path = os.path.join(docs_dir, check + ".md")
    if not os.path.exists(path):
        problems.append(f"{check}: no page {path}")
        continue
    text = open(path).read()
    for s in sections:
        if s not in text:
            problems.append(f"{check}: section '{s}' missing")
    for opt in options.get(check, []):
        if f"`{opt}`" not in text:
            problems.append(f"{check}: option '{opt}' not documented")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
