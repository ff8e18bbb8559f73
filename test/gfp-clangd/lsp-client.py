#!/usr/bin/env python3
"""lsp-client.py [options] FILE -- CLANGD ARGS...: drives a clangd over LSP on
stdio, as an editor does, and prints what it published for FILE.

Steps: initialize; didOpen FILE; wait for publishDiagnostics with at least
one diagnostic from a gfp check (or --expect-none); print each diagnostic as
one JSON line (`diag {...}`) and the time from didOpen to it (`opened-to-
diagnostics: N ms`, on stderr). With --code-action, ask for the code actions
at each gfp diagnostic and print their titles and edits
(`action {...}`). With --replace OLD NEW, send a didChange that replaces
the text (\\n and \\t stand for a newline and a tab) and print what is published next (`after-change: N diagnostics`
and the diags). Exits 1 if an expected publication does not come within
--timeout seconds."""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import queue

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--timeout", type=float, default=60)
ap.add_argument("--code-action", action="store_true")
ap.add_argument("--replace", nargs=2, action="append", default=[])
ap.add_argument("--expect-none", action="store_true")
argv = sys.argv[1:]
split = argv.index("--") if "--" in argv else len(argv)
args = ap.parse_args(argv[:split])
cmd = argv[split + 1:]

proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=open(os.devnull, "w"))
inbox = queue.Queue()


def reader():
    f = proc.stdout
    while True:
        length = None
        while True:
            line = f.readline()
            if not line:
                inbox.put(None)
                return
            line = line.decode().strip()
            if not line:
                break
            if line.lower().startswith("content-length:"):
                length = int(line.split(":")[1])
        inbox.put(json.loads(f.read(length)))


threading.Thread(target=reader, daemon=True).start()
next_id = [0]


def send(method, params, request=True):
    msg = {"jsonrpc": "2.0", "method": method, "params": params}
    if request:
        next_id[0] += 1
        msg["id"] = next_id[0]
    body = json.dumps(msg).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()
    return msg.get("id")


def wait(pred, what):
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        try:
            msg = inbox.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            break
        if msg is None:
            break
        if msg.get("method") == "workspace/configuration" or (
                "id" in msg and "method" in msg):
            # Server-to-client requests: answer with nothing.
            body = json.dumps({"jsonrpc": "2.0", "id": msg["id"],
                               "result": None}).encode()
            proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            proc.stdin.flush()
            continue
        if pred(msg):
            return msg
    print("TIMEOUT waiting for " + what)
    proc.kill()
    sys.exit(1)


path = os.path.abspath(args.file)
uri = "file://" + path
text = open(path).read()
root = os.path.dirname(path)
send("initialize", {"processId": os.getpid(), "rootUri": None,
                    "capabilities": {"textDocument": {
                        "publishDiagnostics": {"relatedInformation": True,
                                               "codeDescriptionSupport": True},
                        "codeAction": {"codeActionLiteralSupport": {
                            "codeActionKind": {"valueSet": ["quickfix"]}}}}}})
wait(lambda m: m.get("id") == 1, "initialize")
send("initialized", {}, request=False)
opened = time.time()
send("textDocument/didOpen", {"textDocument": {
    "uri": uri, "languageId": "c", "version": 1, "text": text}}, request=False)


def gfp_diags(m):
    return [d for d in m["params"]["diagnostics"]
            if str(d.get("code", "")).startswith("gfp-")]


def published(m, version=None):
    if m.get("method") != "textDocument/publishDiagnostics":
        return False
    if m["params"]["uri"] != uri:
        return False
    if version is not None and m["params"].get("version") != version:
        return False
    return True


if args.expect_none:
    m = wait(lambda m: published(m), "diagnostics")
else:
    m = wait(lambda m: published(m) and gfp_diags(m), "gfp diagnostics")
ms = (time.time() - opened) * 1000
print("opened-to-diagnostics: %.0f ms" % ms, file=sys.stderr)
diags = gfp_diags(m)
for d in diags:
    print("diag " + json.dumps(d, sort_keys=True))

for d in diags if args.code_action else []:
    rid = send("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"],
        "context": {"diagnostics": [d], "only": ["quickfix"]}})
    r = wait(lambda m: m.get("id") == rid, "code actions")
    for a in r.get("result") or []:
        edits = a.get("edit", {}).get("changes", {}).get(uri, [])
        print("action " + json.dumps({"title": a.get("title"), "kind": a.get("kind"),
                                      "edits": edits}, sort_keys=True))

if args.replace:
    for old, new in args.replace:
        # \n and \t in the arguments, which a lit RUN line cannot hold raw.
        old = old.replace("\\n", "\n").replace("\\t", "\t")
        new = new.replace("\\n", "\n").replace("\\t", "\t")
        if old not in text:
            print("REPLACE: text not found: " + old)
            sys.exit(1)
        text = text.replace(old, new)
    send("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": text}]}, request=False)
    m = wait(lambda m: published(m, 2), "diagnostics after the change")
    after = gfp_diags(m)
    print("after-change: %d gfp diagnostics" % len(after))
    for d in after:
        print("diag " + json.dumps(d, sort_keys=True))

rid = send("shutdown", None)
wait(lambda m: m.get("id") == rid, "shutdown")
send("exit", None, request=False)
# clangd stops its background index before it exits, which on a loaded
# machine takes a while; the exit is not what is tested.
try:
    proc.wait(timeout=args.timeout)
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
