#!/usr/bin/env python3
# The shared-mime-info package: installs into a fresh MIME database without a
# warning, and GIO then names a bundle and an identity card by their content
# and their names; the .desktop file claims the bundle type.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

BUNDLE = "application/x-scrutineer-bundle"
IDENTITY = "application/x-scrutineer-identity"
CARD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<identity xmlns="urn:scrutineer:identity:1"><device>d</device></identity>\n')


def content_type(env, path):
    out = subprocess.run(["gio", "info", "-a", "standard::content-type", path], env=env,
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if "standard::content-type:" in line:
            return line.split(":", 3)[-1].strip()
    raise AssertionError("no content type for %s: %s" % (path, out))


def main(mime_xml, desktop_file):
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        packages = os.path.join(tmp, "mime", "packages")
        os.makedirs(packages)
        shutil.copy(mime_xml, packages)
        result = subprocess.run(["update-mime-database", "-V", os.path.join(tmp, "mime")],
                                capture_output=True, text=True)
        if result.returncode != 0 or "rror" in result.stderr or "arning" in result.stderr:
            failures.append("update-mime-database: " + result.stderr.strip())
        env = dict(os.environ, XDG_DATA_DIRS=tmp + ":/usr/share", XDG_DATA_HOME=tmp,
                   GIO_USE_VFS="local")
        files = {
            # name, bytes, expected type
            "named.scrb": (b"SCRB\x01\x10\x00\x00\x00" + bytes(range(256)) * 4, BUNDLE),
            "no-extension": (b"SCRB\x01\x10\x00\x00\x00" + bytes(range(256)) * 4, BUNDLE),
            "future-format": (b"SCRB\x07\x10\x00\x00\x00" + bytes(range(256)) * 4, BUNDLE),
            "not-a-bundle": (b"SCRX\x01" + bytes(range(256)) * 4, None),
            "ann.card": (CARD.encode(), IDENTITY),
        }
        for name, (data, expected) in files.items():
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            found = content_type(env, path)
            if expected is not None and found != expected:
                failures.append("%s: %s, expected %s" % (name, found, expected))
            if expected is None and found == BUNDLE:
                failures.append("%s: taken for a bundle" % name)
    with open(desktop_file, encoding="utf-8") as f:
        mime_lines = [line for line in f if line.startswith("MimeType=")]
    if len(mime_lines) != 1 or BUNDLE not in mime_lines[0].strip().split("=", 1)[1].split(";"):
        failures.append("%s: no MimeType= line with %s" % (desktop_file, BUNDLE))
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
