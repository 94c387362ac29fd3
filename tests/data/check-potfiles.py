#!/usr/bin/env python3
# Every source file with translatable strings is listed in po/POTFILES.in,
# and every listed file exists: otherwise its strings never reach translators.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

root = sys.argv[1]
marker = re.compile(r'(?<![A-Za-z0-9_])(N?_|g_dngettext|ngettext)\s*\(|translatable="yes"')

with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}

problems = []
for path in sorted(listed):
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

for folder in ("src", "ui"):
    for dirpath, _, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            if not name.endswith((".c", ".ui")):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if marker.search(f.read()) and path not in listed:
                    problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")

for problem in problems:
    print(problem)
print(f"{len(listed)} files listed, {len(problems)} problems")
sys.exit(1 if problems else 0)
