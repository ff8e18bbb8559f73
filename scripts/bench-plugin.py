#!/usr/bin/env python3
"""bench-plugin.py -p TREE [--units N] [--repeat R] [--audit]

What the compiler plugin adds to a build: each selected unit of
TREE/compile_commands.json is compiled as recorded (the kernel's own flags,
-O2) without the plugin and with it (-fplugin=build/lib/GfpClang.so),
alternately, R times; the best time of each is kept. Objects go to a scratch
directory, never over the tree's. Prints a line per unit and the ratio of
the totals: 1.02 means the plugin adds 2% to the compile. With --audit the
plugin also writes each unit's audit (-fplugin-arg-gfp-audit). Units are
the heaviest by source size unless --spread picks them across the tree.
Not a test: compare ratios of runs made on the same machine and inputs.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "build", "lib", "GfpClang.so")


def command(entry, obj, extra):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out = []
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a.startswith("-Wp,-MMD") or a.startswith("-Wp,-MD"):
            continue  # kbuild's dependency file would land in the tree
        out.append(a)
    return [args[0]] + extra + out + ["-o", obj]


def run(entry, obj, extra):
    t0 = time.perf_counter()
    proc = subprocess.run(command(entry, obj, extra), cwd=entry["directory"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    return time.perf_counter() - t0, proc.returncode, proc.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[2])
    ap.add_argument("-p", dest="tree", required=True)
    ap.add_argument("--units", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--audit", action="store_true")
    ap.add_argument("--spread", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(PLUGIN):
        print(f"bench-plugin: error: {PLUGIN} is not built", file=sys.stderr)
        return 2
    db = os.path.join(args.tree, "compile_commands.json")
    try:
        entries = json.load(open(db))
    except (OSError, ValueError) as err:
        print(f"bench-plugin: error: cannot read {db}: {err}", file=sys.stderr)
        return 2

    def path(e):
        return os.path.join(e["directory"], e["file"])
    entries = [e for e in entries if e["file"].endswith(".c")
               and os.path.exists(path(e))]
    if args.spread:
        entries.sort(key=lambda e: e["file"])
        step = max(1, len(entries) // args.units)
        picked = entries[::step][:args.units]
    else:
        picked = sorted(entries, key=lambda e: -os.path.getsize(path(e)))
        picked = picked[:args.units]
    if not picked:
        print("bench-plugin: error: no units selected", file=sys.stderr)
        return 2
    scratch = tempfile.mkdtemp(prefix="gfp-bench-plugin-")
    obj = os.path.join(scratch, "unit.o")
    plugin = ["-fplugin=" + PLUGIN]
    if args.audit:
        plugin.append("-fplugin-arg-gfp-audit")
    total_plain = total_plugin = 0.0
    warnings = 0
    for e in picked:
        plain = with_plugin = float("inf")
        for i in range(args.repeat):
            # Alternate which goes first, so that neither always meets a
            # warm or a cold cache.
            order = [("plain", []), ("plugin", plugin)]
            if i % 2:
                order.reverse()
            for name, extra in order:
                t, code, err = run(e, obj, extra)
                if code != 0:
                    print(f"bench-plugin: error: {e['file']} does not compile"
                          f" ({name}): {err.strip().splitlines()[-1:]}",
                          file=sys.stderr)
                    return 2
                if name == "plain":
                    plain = min(plain, t)
                else:
                    with_plugin = min(with_plugin, t)
                    if i == 0:
                        warnings += err.count("warning:")
        total_plain += plain
        total_plugin += with_plugin
        print(f"{os.path.relpath(path(e), args.tree):60} {plain:7.3f} "
              f"{with_plugin:7.3f} {with_plugin / plain:6.3f}")
    for f in os.listdir(scratch):
        os.remove(os.path.join(scratch, f))
    os.rmdir(scratch)
    print(f"units: {len(picked)}, gfp warnings: {warnings}")
    print(f"total: plain {total_plain:.2f} s, with the plugin "
          f"{total_plugin:.2f} s, ratio {total_plugin / total_plain:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
