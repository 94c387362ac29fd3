#!/usr/bin/env python3
# scrutineer-cli lint: the contract in CLI.md, exit codes and byte offsets.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]

NOTE = "Spoke with Mrs Agnew on 07700 900123.\n"

# One of each kind, after some non-ASCII text so that byte and character
# offsets differ.
EVERY_KIND = (
    "“Visit” to the family — Siobhán’s view was recorded.\n"
    "Mother: Karen Agnew, DOB 12/03/1985, moved to EH6 7HQ.\n"
    "Call 0131 496 0000 or write to k.agnew@example.org; NI AB123456C.\n"
)

ORDINARY = (
    "QI 5.2: the risk assessment was completed within 10 days of the IRD on 14 March.\n"
    "The Team Manager had not signed the plan; 18 of 30 records (60%) were Good.\n"
)


def run(*args, stdin=b"", timeout=30):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True, timeout=timeout)


def findings_of(stdout):
    doc = json.loads(stdout)
    assert set(doc) == {"findings"}, doc
    return doc["findings"]


class LintInput(unittest.TestCase):
    def test_stdin_without_file(self):
        result = run("lint", stdin=NOTE.encode())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.decode().splitlines(),
                         ["11-20 name: Mrs Agnew", "24-36 phone: 07700 900123"])
        self.assertEqual(result.stderr, b"")

    def test_stdin_as_dash(self):
        result = run("lint", "-", "--json", stdin=NOTE.encode())
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(findings_of(result.stdout),
                         [{"kind": "name", "start": 11, "end": 20},
                          {"kind": "phone", "start": 24, "end": 36}])

    def test_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "note.txt")
            with open(path, "wb") as f:
                f.write(NOTE.encode())
            plain = run("lint", path)
            as_json = run("lint", "--json", path)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertEqual(plain.stdout, run("lint", stdin=NOTE.encode()).stdout)
        self.assertEqual(as_json.returncode, 0, as_json.stderr)
        self.assertEqual(len(findings_of(as_json.stdout)), 2)

    def test_empty_input(self):
        result = run("lint", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), {"findings": []})
        self.assertEqual(run("lint").stdout, b"")


class LintOutput(unittest.TestCase):
    def test_json_offsets_are_bytes(self):
        data = EVERY_KIND.encode()
        result = run("lint", "--json", stdin=data)
        self.assertEqual(result.returncode, 0, result.stderr)
        found = findings_of(result.stdout)
        spans = [(f["kind"], data[f["start"]:f["end"]].decode()) for f in found]
        self.assertEqual(spans, [
            ("name", "Karen Agnew"),
            ("dob", "12/03/1985"),
            ("postcode", "EH6 7HQ"),
            ("phone", "0131 496 0000"),
            ("email", "k.agnew@example.org"),
            ("id-number", "AB123456C"),
        ])
        for f in found:
            self.assertEqual(set(f), {"kind", "start", "end"})
            self.assertIsInstance(f["start"], int)
            self.assertIsInstance(f["end"], int)
            self.assertLess(f["start"], f["end"])
        # Offsets count bytes: the text before holds multi-byte characters.
        first = found[0]["start"]
        self.assertNotEqual(first, EVERY_KIND.index("Karen"))
        self.assertEqual(first, data.index("Karen".encode()))

    def test_plain_lines_match_json(self):
        data = EVERY_KIND.encode()
        found = findings_of(run("lint", "--json", stdin=data).stdout)
        lines = run("lint", stdin=data).stdout.decode().splitlines()
        self.assertEqual(len(lines), len(found))
        for line, f in zip(lines, found):
            text = data[f["start"]:f["end"]].decode()
            self.assertEqual(line, f"{f['start']}-{f['end']} {f['kind']}: {text}")

    def test_ordinary_text_has_no_findings(self):
        result = run("lint", "--json", stdin=ORDINARY.encode())
        self.assertEqual(result.returncode, 0)
        self.assertEqual(findings_of(result.stdout), [])

    def test_invalid_utf8_is_read_past(self):
        data = b"\xff\xfeSeen by Mrs Agnew\xc0 on 07700 900123\xed\xa0\x80"
        result = run("lint", "--json", stdin=data)
        self.assertEqual(result.returncode, 0, result.stderr)
        spans = [data[f["start"]:f["end"]] for f in findings_of(result.stdout)]
        self.assertEqual(spans, [b"Mrs Agnew", b"07700 900123"])


class LintErrors(unittest.TestCase):
    def test_missing_file_exits_1_with_one_line(self):
        result = run("lint", "/nonexistent/notes.txt")
        self.assertEqual(result.returncode, 1)
        message = result.stderr.decode()
        self.assertEqual(message.count("\n"), 1, message)
        self.assertIn("/nonexistent/notes.txt", message)
        self.assertEqual(result.stdout, b"")

    def test_directory_exits_1(self):
        with tempfile.TemporaryDirectory() as tmp:
            result = run("lint", tmp)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.decode().count("\n"), 1, result.stderr)

    @unittest.skipIf(os.geteuid() == 0, "root reads any file")
    def test_unreadable_file_exits_1(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "secret.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(NOTE)
            os.chmod(path, 0)
            result = run("lint", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.decode().count("\n"), 1, result.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("lint", "a.txt", "b.txt").returncode, 2)
        self.assertEqual(run("lint", "--bogus").returncode, 2)
        self.assertEqual(run("lint", "-x").returncode, 2)

    def test_help(self):
        result = run("lint", "--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"--json", result.stdout)
        self.assertIn(b"lint", run("--help").stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
