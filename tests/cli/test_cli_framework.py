#!/usr/bin/env python3
# scrutineer-cli framework …: the contract in CLI.md, exit codes and messages.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
SRCDIR = os.environ["G_TEST_SRCDIR"]
ROOT = os.path.dirname(SRCDIR)
FRAMEWORKS = os.path.join(ROOT, "data", "frameworks")
MINIMAL = os.path.join(SRCDIR, "framework", "minimal.xml")
HOSTILE = os.path.join(SRCDIR, "framework", "hostile")


def run(*args, timeout=30):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout)


class FrameworkValidate(unittest.TestCase):
    def test_shipped_frameworks_are_valid(self):
        files = sorted(os.path.join(FRAMEWORKS, f) for f in os.listdir(FRAMEWORKS))
        self.assertEqual(len(files), 3)
        result = run("framework", "validate", *files)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        self.assertEqual(result.stdout.count(": valid"), 3)

    def test_broken_file_reports_file_and_line(self):
        with open(MINIMAL, encoding="utf-8") as f:
            text = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.xml")
            with open(bad, "w", encoding="utf-8") as f:
                f.write(text.replace('choices="c"', 'choices="nope"')
                            .replace('cap="1"', 'cap="9"'))
            result = run("framework", "validate", MINIMAL, bad)
        self.assertEqual(result.returncode, 1)
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 2, result.stderr)
        self.assertTrue(lines[0].startswith(bad + ":24: "), lines[0])
        self.assertIn("above the top of the scale", lines[0])
        self.assertTrue(lines[1].startswith(bad + ":30: "), lines[1])
        self.assertIn("no choice list “nope”", lines[1])
        # The good file is still reported as valid.
        self.assertIn(MINIMAL + ": valid", result.stdout)

    def test_hostile_files_refused(self):
        for name in sorted(os.listdir(HOSTILE)):
            path = os.path.join(HOSTILE, name)
            with self.subTest(name=name):
                result = run("framework", "validate", path, timeout=5)
                self.assertEqual(result.returncode, 1)
                self.assertTrue(result.stderr.startswith(path), result.stderr)
                self.assertNotIn("root:", result.stderr)
                self.assertNotIn("root:", result.stdout)

    def test_missing_file(self):
        result = run("framework", "validate", "/nonexistent/x.xml")
        self.assertEqual(result.returncode, 1)
        self.assertIn("/nonexistent/x.xml: ", result.stderr)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run("framework", "validate").returncode, 2)
        self.assertEqual(run("framework", "frobnicate").returncode, 2)
        self.assertEqual(run("no-such-command").returncode, 2)
        self.assertEqual(run("framework", "show", "--bogus", MINIMAL).returncode, 2)
        self.assertEqual(run("--store").returncode, 2)


class FrameworkShow(unittest.TestCase):
    def show(self, what):
        result = run("framework", "show", what, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_json_shape(self):
        doc = self.show(os.path.join(FRAMEWORKS, "ci-joint-children-2012.xml"))
        for key in ("id", "version", "title", "scales", "indicators", "rules", "instruments"):
            self.assertIn(key, doc)
        self.assertEqual(doc["id"], "ci-joint-children-2012")
        self.assertEqual(len(doc["indicators"]), 22)
        for indicator in doc["indicators"]:
            self.assertEqual(set(("id", "title", "area")) - set(indicator), set())
        scale = doc["scales"][0]
        self.assertEqual([lvl["value"] for lvl in scale["levels"]], [6, 5, 4, 3, 2, 1])
        self.assertEqual(scale["levels"][0]["label"], "Excellent")
        for level in scale["levels"]:
            self.assertEqual(set(("value", "id", "label", "meaning")) - set(level), set())
        record = [i for i in doc["instruments"] if i["kind"] == "record"]
        self.assertGreaterEqual(len(record[0]["questions"]), 25)
        for question in record[0]["questions"]:
            self.assertEqual(set(("id", "type", "required", "indicators")) - set(question), set())
            self.assertIsInstance(question["required"], bool)
        self.assertEqual(len(doc["sha256"]), 64)

    def test_rule_shape(self):
        doc = self.show("ofsted-sif-2013")
        self.assertEqual(doc["rules"], [{"kind": "limit", "when_any": ["KJ1", "KJ2", "KJ3"],
                                         "at_or_below": 1, "target": "OE", "cap": 1}])
        self.assertEqual([lvl["id"] for lvl in doc["scales"][0]["levels"]],
                         ["outstanding", "good", "requires-improvement", "inadequate"])

    def test_builtin_name_and_file_agree(self):
        by_name = self.show("ci-supervision-at-home")
        by_file = self.show(os.path.join(FRAMEWORKS, "ci-supervision-at-home.xml"))
        self.assertEqual(by_name["sha256"], by_file["sha256"])

    def test_plain_output(self):
        result = run("framework", "show", "ofsted-sif-2013")
        self.assertEqual(result.returncode, 0)
        self.assertIn("KJ1", result.stdout)
        self.assertIn("case-tracking", result.stdout)

    def test_list(self):
        result = run("framework", "list")
        self.assertEqual(result.returncode, 0)
        names = [line.split()[0] for line in result.stdout.strip().split("\n")]
        self.assertEqual(names, ["ci-joint-children-2012", "ci-supervision-at-home",
                                 "ofsted-sif-2013"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
