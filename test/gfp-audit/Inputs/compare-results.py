#!/usr/bin/env python3
"""compare-results.py A.json B.json: compares two gfp-audit results files
(units, findings with their notes and fingerprints, inventory, dropped
flags), ignoring timings, and prints `same: N units, M findings, K
inventory items` or each difference."""
import json
import sys


def key(d):
    units = sorted((u["file"], u["analysed"], u.get("reason", ""),
                    u["findings"]) for u in d["units"])
    findings = sorted(json.dumps(f, sort_keys=True) for f in d["findings"])
    inventory = sorted(json.dumps(i, sort_keys=True) for i in d["inventory"])
    return units, findings, inventory, d.get("droppedFlags", {})


a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
ka, kb = key(a), key(b)
names = ["units", "findings", "inventory", "droppedFlags"]
diff = False
for name, x, y in zip(names, ka, kb):
    if x != y:
        diff = True
        print("DIFFERENT %s:\n  %s\n  %s" % (name, x, y))
if not diff:
    print("same: %d units, %d findings, %d inventory items" %
          (len(ka[0]), len(ka[1]), len(ka[2])))
