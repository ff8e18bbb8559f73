#!/usr/bin/env python3
"""check-sarif.py FILE CHECKS_DIR: validates a SARIF 2.1.0 log against the
parts of the schema that code-scanning services rely on, and prints one line
per result (`ruleId uri:line:col flow=N related=N`) for FileCheck.

The checks: version and $schema; runs[].tool.driver with name and rules;
each rule with id, shortDescription.text, helpUri and help.text, the rule
ids being exactly the checks whose docs pages exist in CHECKS_DIR; each
result with ruleId naming a rule, ruleIndex pointing at it, message.text,
level, at least one location with physicalLocation.artifactLocation.uri
(relative, with uriBaseId SRCROOT, defined in originalUriBaseIds) and
region.startLine >= 1; partialFingerprints; relatedLocations with ids;
codeFlows made of threadFlows of locations; notifications for the units
not analysed."""
import json
import os
import sys

errors = []


def need(cond, what):
    if not cond:
        errors.append(what)
    return cond


def check_location(loc, where, base_ids):
    phys = loc.get("physicalLocation")
    if not need(isinstance(phys, dict), where + ": no physicalLocation"):
        return
    art = phys.get("artifactLocation", {})
    need(isinstance(art.get("uri"), str) and art["uri"], where + ": no uri")
    need(not art.get("uri", "/").startswith("/"), where + ": absolute uri")
    need(art.get("uriBaseId") in base_ids, where + ": unknown uriBaseId")
    region = phys.get("region")
    if region is not None:
        need(isinstance(region.get("startLine"), int) and
             region["startLine"] >= 1, where + ": bad startLine")


log = json.load(open(sys.argv[1]))
docs = sorted(f[:-3] for f in os.listdir(sys.argv[2]) if f.endswith(".md"))
need(log.get("version") == "2.1.0", "version is not 2.1.0")
need("sarif" in log.get("$schema", ""), "no $schema")
runs = log.get("runs")
need(isinstance(runs, list) and len(runs) == 1, "runs is not one run")
run = runs[0]
driver = run.get("tool", {}).get("driver", {})
need(driver.get("name") == "gfp-audit", "driver name")
rules = driver.get("rules", [])
ids = [r.get("id") for r in rules]
need(sorted(ids) == docs, "rule ids %s differ from the docs %s" % (ids, docs))
for r in rules:
    for key in ("shortDescription", "help"):
        need(isinstance(r.get(key, {}).get("text"), str), r.get("id", "?") +
             ": no " + key + ".text")
    need(r.get("helpUri", "").endswith(r.get("id", "") + ".md"),
         r.get("id", "?") + ": helpUri")
base_ids = set(run.get("originalUriBaseIds", {}).keys())
need("SRCROOT" in base_ids, "no SRCROOT base id")
for i, res in enumerate(run.get("results", [])):
    where = "result %d" % i
    rid = res.get("ruleId")
    need(rid in ids, where + ": unknown ruleId %s" % rid)
    need(ids[res.get("ruleIndex", -1)] == rid if rid in ids else False,
         where + ": ruleIndex")
    need(isinstance(res.get("message", {}).get("text"), str), where + ": message")
    need(res.get("level") in ("warning", "error", "note"), where + ": level")
    locs = res.get("locations", [])
    need(len(locs) >= 1, where + ": no location")
    for loc in locs:
        check_location(loc, where, base_ids)
    need(isinstance(res.get("partialFingerprints", {}).get(
        "gfpAuditFingerprint/v1"), str), where + ": no fingerprint")
    for rel in res.get("relatedLocations", []):
        need(isinstance(rel.get("id"), int), where + ": related id")
        check_location(rel, where + " related", base_ids)
    flow = 0
    for cf in res.get("codeFlows", []):
        for tf in cf.get("threadFlows", []):
            for tl in tf.get("locations", []):
                check_location(tl.get("location", {}), where + " flow",
                               base_ids)
                flow += 1
    phys = locs[0]["physicalLocation"] if locs else {}
    print("result %s %s:%s:%s flow=%d related=%d%s" % (
        rid, phys.get("artifactLocation", {}).get("uri"),
        phys.get("region", {}).get("startLine"),
        phys.get("region", {}).get("startColumn"), flow,
        len(res.get("relatedLocations", [])),
        " baseline=" + res["baselineState"] if "baselineState" in res else ""))
for inv in run.get("invocations", []):
    for n in inv.get("toolExecutionNotifications", []):
        print("notification %s %s" % (n.get("level"),
                                      n.get("message", {}).get("text")))
    print("executionSuccessful %s" % inv.get("executionSuccessful"))
for e in errors:
    print("SARIF ERROR: " + e)
sys.exit(1 if errors else 0)
