#!/usr/bin/env python3
"""run-tools.py MODE ARGS...: process-level helpers for the gfp-audit tests,
which lit's shell cannot express. Each prints what it saw, then `exit: N`.

  fifo FIFO OUT CMD...   makes FIFO, copies what is written to it into OUT
                         from another thread while CMD runs
  orphans TMP CMD...     runs CMD (TMPDIR=TMP) until it has a worker, kills
                         CMD alone with SIGKILL, and says whether the worker
                         outlived it and whether CMD's temporary directory
                         is left in TMP
  islink PATH            says whether PATH is a symbolic link
"""
import os
import signal
import subprocess
import sys
import threading
import time


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except OSError:
        return False


mode = sys.argv[1]
if mode == "fifo":
    fifo, out = sys.argv[2], sys.argv[3]
    os.mkfifo(fifo)
    data = []

    def reader():
        with open(fifo, "rb") as f:
            data.append(f.read())

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    code = subprocess.run(sys.argv[4:]).returncode
    t.join(timeout=30)
    with open(out, "wb") as f:
        f.write(b"".join(data))
    print(f"fifo is a fifo: {os.path.exists(fifo) and not os.path.isfile(fifo)}")
    print(f"exit: {code}", flush=True)
elif mode == "orphans":
    tmp = sys.argv[2]
    os.makedirs(tmp, exist_ok=True)
    env = dict(os.environ, TMPDIR=tmp)
    proc = subprocess.Popen(sys.argv[3:], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers = []
    for _ in range(200):
        workers = children(proc.pid)
        if workers:
            break
        time.sleep(0.05)
    print(f"workers started: {bool(workers)}")
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1)
    print(f"workers outlived the driver: {any(alive(w) for w in workers)}")
    left = [d for d in os.listdir(tmp) if d.startswith(f"gfp-audit-{proc.pid}-")]
    print(f"temporary directory left: {bool(left)}")
    print("exit: 0")
elif mode == "islink":
    print(f"{sys.argv[2]} is a link: {os.path.islink(sys.argv[2])}")
elif mode == "replace-binary":
    # replace-binary COPY CMD...: runs CMD (whose program is COPY, a copy of
    # gfp-audit), and once a worker has started, deletes COPY and writes
    # junk in its place, as a rebuild or an upgrade does during a run.
    copy = sys.argv[2]
    proc = subprocess.Popen(sys.argv[3:], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    for _ in range(400):
        if children(proc.pid):
            break
        time.sleep(0.02)
    os.unlink(copy)
    with open(copy, "w") as f:
        f.write("#!/bin/sh\nexit 99\n")
    os.chmod(copy, 0o644)
    out, _ = proc.communicate(timeout=300)
    print(out, end="")
    print(f"exit: {proc.returncode}", flush=True)
