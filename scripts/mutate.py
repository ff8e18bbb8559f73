#!/usr/bin/env python3
"""mutate.py MODE -p BUILD_DIR [--plugin SO] [--limit N] [--only SUBSTR]
[--context-db FILE]:
mutation testing of the gfp checks on a real kernel tree. Each mutant changes
one place of one unit, in place (the file is restored afterwards, also on
Ctrl-C), runs the plugin over that unit with its own compile command, and
counts the mutant as caught when the check reports a finding, at the mutated
place, that the unmutated unit does not have.

Modes:
  null-checks  for every non-sleeping page allocation whose result is
               NULL-checked in the lines that follow (`if (!p)`,
               `if (unlikely(!p))`, `if (p == NULL)`, `if (!p || ...)`), the
               test of that value is replaced by `0`;
               gfp-unchecked-atomic-page should then report the first use.
  gfp-kernel   every GFP_ATOMIC argument of an allocation call becomes
               GFP_KERNEL; gfp-sleeping-alloc-in-atomic-context should
               report it when the code runs in atomic context.
  gfp-atomic   every GFP_KERNEL argument of an allocation call becomes
               GFP_ATOMIC; gfp-atomic-in-sleepable-context should report it
               when the code may sleep.

With --context-db, the plugin reads the whole-tree contexts that gfp-audit
wrote for the unmutated tree (the ContextDatabase option), as an editor
would.

Prints one line per mutant (`caught`/`missed`, the place, the change) and a
closing `N caught, M missed` line. Not part of CI; the numbers are in
docs/findings.md."""
import argparse
import json
import os
import re
import signal
import subprocess
import sys

ALLOCATORS = (r"(?:__dev_alloc_pages?|dev_alloc_pages?|alloc_pages_node|"
              r"alloc_pages|alloc_page|__alloc_pages|__get_free_pages?|"
              r"get_zeroed_page|page_pool_dev_alloc_pages|"
              r"page_pool_alloc_pages)")
ANY_ALLOC = (r"(?:" + ALLOCATORS[3:-1] + r"|kmalloc|kzalloc|kcalloc|"
             r"kmalloc_array|kvmalloc|kvzalloc|krealloc|kmemdup|kstrdup|"
             r"alloc_skb|__alloc_skb|netdev_alloc_skb|napi_alloc_skb|"
             r"dma_alloc_coherent|kmem_cache_alloc|kmem_cache_zalloc|"
             r"devm_kzalloc|devm_kmalloc|devm_kcalloc|mempool_alloc|"
             r"alloc_pages_exact|vmalloc)")
NOSLEEP = re.compile(r"GFP_ATOMIC|GFP_NOWAIT")
CHECK_OF = {
    "null-checks": "gfp-unchecked-atomic-page",
    "gfp-kernel": "gfp-sleeping-alloc-in-atomic-context",
    "gfp-atomic": "gfp-atomic-in-sleepable-context",
}


def run_plugin(args, entry, check):
    cmd = [args.clang_tidy, "--load=" + args.plugin, "--checks=-*," + check,
           "-p", args.p, "--quiet", entry["file"]]
    if args.context_db:
        cmd.append("--config={CheckOptions: {ContextDatabase: '%s'}}"
                   % os.path.abspath(args.context_db))
    out = subprocess.run(cmd, capture_output=True, text=True,
                         cwd=entry.get("directory"), timeout=600).stdout
    found = set()
    for line in out.splitlines():
        m = re.match(r"(.+?):(\d+):(\d+): warning: .*\[" + re.escape(check) + r"\]$", line)
        where = os.path.join(entry.get("directory", ""), m.group(1)) if m else ""
        if m and os.path.realpath(where) == os.path.realpath(entry["file"]):
            found.add(int(m.group(2)))
    return found


def mutants_null_checks(lines):
    """(line index, new line, description, lines where a report counts)."""
    assign = re.compile(r"^\s*(?:[\w\s\*]+?\s)?\**\s*([\w\->\.\[\]]+)\s*=\s*(?:\([^()]*\)\s*)?"
                        + ALLOCATORS + r"\s*\((.*)$")
    for i, text in enumerate(lines):
        m = assign.match(text)
        if not m:
            continue
        var, rest = m.group(1), m.group(2)
        name = re.search(ALLOCATORS, text).group(0)
        implicit = name.startswith(("dev_alloc", "__dev_alloc", "page_pool"))
        if not implicit and not NOSLEEP.search(rest + "".join(lines[i + 1:i + 2])):
            continue
        v = re.escape(var)
        # Not inside a longer access (`*batch`, `p->batch`).
        pre = r"(?<![\w\*\.>])"
        tests = [r"unlikely\(\s*!\s*" + v + r"\s*\)", r"!\s*" + v + r"(?![\w\->\.\[])",
                 pre + v + r"\s*==\s*NULL", r"NULL\s*==\s*" + v + r"(?![\w\->\.\[])"]
        for j in range(i + 1, min(i + 12, len(lines))):
            if re.search(r"\b" + v + r"\s*=[^=]", lines[j]):
                break
            if not re.match(r"\s*(?:if|else if|while)\s*\(|\s*(?:BUG_ON|WARN_ON(?:_ONCE)?)\s*\(", lines[j]):
                continue
            for t in tests:
                if re.search(t, lines[j]):
                    new = re.sub(t, "0", lines[j], count=1)
                    # A report anywhere after the test counts: the first
                    # use of the value.
                    yield j, new, f"{lines[j].strip()} -> {new.strip()}", \
                        set(range(j + 1, min(j + 80, len(lines)) + 1))
                    break
            else:
                continue
            break


def mutants_flags(lines, old, new_flag):
    call = re.compile(r"\b" + ANY_ALLOC + r"\s*\(")
    for i, text in enumerate(lines):
        if old not in text or not call.search(text):
            continue
        if text.lstrip().startswith(("#", "*", "/*", "//")):
            continue
        new = text.replace(old, new_flag, 1)
        yield i, new, f"{text.strip()} -> {new.strip()}", {i + 1}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=sorted(CHECK_OF))
    ap.add_argument("-p", required=True, help="directory of compile_commands.json")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--plugin", default=os.path.join(here, "..", "build", "lib", "GfpTidy.so"))
    ap.add_argument("--clang-tidy", default="/usr/lib/llvm-22/bin/clang-tidy")
    ap.add_argument("--limit", type=int, default=0, help="at most N mutants")
    ap.add_argument("--only", default="", help="only units whose path holds this")
    ap.add_argument("--context-db", default="",
                    help="the context database of the unmutated tree "
                         "(gfp-audit --context-db): the plugin reads it")
    args = ap.parse_args()
    args.plugin = os.path.abspath(args.plugin)
    check = CHECK_OF[args.mode]
    db = json.load(open(os.path.join(args.p, "compile_commands.json")))
    caught = missed = 0
    current = {}

    def restore(*_):
        if current:
            with open(current["path"], "w") as f:
                f.write(current["text"])
        sys.exit(130)

    signal.signal(signal.SIGINT, restore)
    signal.signal(signal.SIGTERM, restore)
    seen = set()
    for entry in db:
        path = os.path.join(entry.get("directory", ""), entry["file"])
        if path in seen or (args.only and args.only not in path):
            continue
        seen.add(path)
        try:
            text = open(path).read()
        except OSError:
            continue
        lines = text.split("\n")
        if args.mode == "null-checks":
            muts = list(mutants_null_checks(lines))
        elif args.mode == "gfp-kernel":
            muts = list(mutants_flags(lines, "GFP_ATOMIC", "GFP_KERNEL"))
        else:
            muts = list(mutants_flags(lines, "GFP_KERNEL", "GFP_ATOMIC"))
        if not muts:
            continue
        base = run_plugin(args, dict(entry, file=path), check)
        for idx, new, desc, where in muts:
            if args.limit and caught + missed >= args.limit:
                break
            mutated = lines[:idx] + [new] + lines[idx + 1:]
            current.update(path=path, text=text)
            try:
                with open(path, "w") as f:
                    f.write("\n".join(mutated))
                got = run_plugin(args, dict(entry, file=path), check)
            finally:
                with open(path, "w") as f:
                    f.write(text)
                current.clear()
            hit = bool((got - base) & where) if args.mode == "null-checks" \
                else bool(got & where) and not (base & where)
            caught += hit
            missed += not hit
            rel = os.path.relpath(path, args.p)
            print(f"{'caught' if hit else 'missed'} {rel}:{idx + 1}: {desc}", flush=True)
        if args.limit and caught + missed >= args.limit:
            break
    print(f"{caught} caught, {caught + missed - caught} missed")


if __name__ == "__main__":
    main()
