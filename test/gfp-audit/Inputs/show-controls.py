#!/usr/bin/env python3
"""show-controls.py FILE: prints FILE with carriage returns as <CR> and the
erase-line sequence as <EL>, so that FileCheck can see a progress bar."""
import sys

text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
print(text.replace("\x1b[K", "<EL>").replace("\r\n", "\n").replace("\r", "<CR>"))
