#!/usr/bin/env python3
# scrutineer-cli report: the PDF report and the CSV exports, as CLI.md and --help say.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
PASSPHRASE = "correct horse battery staple"
ANSWERS_HEADER = ["record_ref", "reader", "reader_role", "kind", "status", "question", "value",
                  "moderated_value"]
ROLES = {"lead", "deputy", "inspector", "associate", "volunteer", "support"}
WARNING = "outside the encrypted store"
HAVE_POPPLER = all(shutil.which(p) for p in ("pdftotext", "pdftoppm", "pdfinfo"))


class ReportCommand(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.store = os.path.join(cls.tmp.name, "store")
        cls.pass_file = os.path.join(cls.tmp.name, "pass")
        with open(cls.pass_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        for args in (("init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive"),
                     ("demo", "--records", "40")):
            result = cls.run_cli(*args)
            assert result.returncode == 0, result.stderr
        cls.moderate_one()

    @classmethod
    def moderate_one(cls):
        """Moderates one discrepancy (or, failing that, one adjacent answer) by hand."""
        compared = json.loads(cls.run_cli("compare", "--json").stdout)["comparisons"]
        open_ones = [c for c in compared if c["match"] in ("discrepant", "adjacent")
                     and not c.get("moderated")]
        open_ones.sort(key=lambda c: c["match"] != "discrepant")
        assert open_ones, "the demo has no difference left to moderate"
        chosen = open_ones[0]
        cls.rationale = "CLI-moderated: agreed with both readers"
        result = cls.run_cli("moderate", chosen["ref"], chosen["question"], chosen["primary"],
                             "--rationale", cls.rationale)
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        for root, dirs, _ in os.walk(cls.tmp.name):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o700)
        cls.tmp.cleanup()

    @classmethod
    def run_cli(cls, *args):
        env = dict(os.environ)
        env.pop("SCRUTINEER_STORE", None)
        return subprocess.run([CLI, "--store", cls.store, "--passphrase-file", cls.pass_file,
                               *args], capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, env=env)

    def setUp(self):
        self.out = tempfile.mkdtemp(dir=self.tmp.name)

    def path(self, name):
        return os.path.join(self.out, name)

    def report(self, name, *args):
        return self.run_cli("report", "--out", self.path(name), *args)

    def assert_warned_once(self, result):
        lines = [line for line in result.stderr.split("\n") if WARNING in line]
        self.assertEqual(len(lines), 1, result.stderr)

    def stats(self):
        result = self.run_cli("stats", "inspection", "--json")
        if result.returncode == 2:
            self.skipTest("stats inspection is not there yet")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def indicator_ids(self):
        show = subprocess.run([CLI, "framework", "show", "ci-joint-children-2012", "--json"],
                              capture_output=True, text=True, check=True)
        return [i["id"] for i in json.loads(show.stdout)["indicators"]]

    @unittest.skipUnless(HAVE_POPPLER, "poppler-utils is not installed")
    def test_pdf(self):
        result = self.report("report.pdf")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_warned_once(result)
        pdf = self.path("report.pdf")
        self.assertEqual(os.stat(pdf).st_mode & 0o077, 0)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                              text=True, check=True).stdout
        flat = " ".join(text.split())
        self.assertIn("Consistency and evaluation report", flat)
        self.assertIn("Demo partnership: services for children and young people", flat)
        self.assertIn(WARNING, flat)
        self.assertIn(self.rationale, flat)
        for indicator in self.indicator_ids():
            self.assertIn(" %s " % indicator, flat)
        concerns = flat[flat.rindex("Safety concerns"):]
        self.assertNotRegex(concerns, r"R-\d{4}")
        self.assertNotIn("police contact", flat)
        self.assertNotIn("Ann Lead", flat)

        overall = self.stats()["overall"]
        self.assertIn("%.1f%%" % (overall["exact"] * 100), flat)
        self.assertIn("%.3f" % overall["kappa"], flat)

        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True)
        pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
        self.assertGreaterEqual(pages, 6)
        self.assertIn("Page %d of %d" % (pages, pages), flat)
        images = os.path.join(self.out, "pages")
        os.mkdir(images)
        subprocess.run(["pdftoppm", "-r", "30", "-png", pdf, os.path.join(images, "p")],
                       check=True, capture_output=True)
        self.assertEqual(len(os.listdir(images)), pages)

    def test_answers_csv(self):
        result = self.report("answers.csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_warned_once(result)
        with open(self.path("answers.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ANSWERS_HEADER)
        check = json.loads(self.run_cli("check", "--json").stdout)
        self.assertEqual(len(rows) - 1, check["counts"]["answer"])
        for row in rows[1:]:
            self.assertEqual(len(row), len(ANSWERS_HEADER))
            record = dict(zip(ANSWERS_HEADER, row))
            self.assertRegex(record["record_ref"], r"^R-\d{4}$")
            self.assertRegex(record["reader"], r"^[A-Z]+$")
            self.assertIn(record["reader_role"], ROLES)
            self.assertIn(record["kind"], {"primary", "second"})
            self.assertIn(record["status"], {"draft", "submitted", "reopened"})
            self.assertNotEqual(record["value"], "")
        with open(self.path("answers.csv"), encoding="utf-8") as f:
            content = f.read()
        for name in ("Ann Lead", "Demo Inspector A", "Demo Associate C"):
            self.assertNotIn(name, content)

    def test_statistics_csv(self):
        result = self.report("stats.csv", "--stats")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assert_warned_once(result)
        with open(self.path("stats.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(rows[0]["scope"], "overall")
        scopes = {row["scope"] for row in rows}
        self.assertEqual(scopes, {"overall", "question", "indicator", "reader_pair"})
        stats = self.stats()
        self.assertAlmostEqual(float(rows[0]["exact"]), stats["overall"]["exact"], places=5)
        self.assertEqual(int(rows[0]["n_pairs"]), stats["overall"]["n_pairs"])
        questions = {row["id"] for row in rows if row["scope"] == "question"}
        self.assertEqual(questions, set(stats["questions"]))

    def test_refuses_to_overwrite(self):
        for name, extra in (("old.pdf", ()), ("old.csv", ()), ("stats.csv", ("--stats",))):
            with open(self.path(name), "w", encoding="utf-8") as f:
                f.write("keep me")
            result = self.report(name, *extra)
            self.assertEqual(result.returncode, 1)
            self.assertIn("already exists", result.stderr)
            self.assertIn("--force", result.stderr)
            self.assertEqual(len(result.stderr.strip().split("\n")), 1)
            with open(self.path(name), encoding="utf-8") as f:
                self.assertEqual(f.read(), "keep me")
        result = self.report("old.csv", "--force")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(self.path("old.csv"), encoding="utf-8") as f:
            self.assertEqual(f.readline().strip(), ",".join(ANSWERS_HEADER))
        self.assertEqual(sorted(os.listdir(self.out)), ["old.csv", "old.pdf", "stats.csv"])

    def test_unwritable_folder(self):
        locked = self.path("locked")
        os.mkdir(locked, 0o500)
        target = os.path.join(locked, "report.pdf")
        if os.access(locked, os.W_OK):
            target = "/sys/scrutineer-report-test.pdf"  # root: sysfs still refuses
        result = self.run_cli("report", "--out", target)
        self.assertEqual(result.returncode, 1)
        errors = [line for line in result.stderr.strip().split("\n") if WARNING not in line]
        self.assertEqual(len(errors), 1, result.stderr)
        self.assertIn("Cannot write", errors[0])
        self.assertFalse(os.path.exists(target))
        self.assertEqual(os.listdir(locked), [])

        result = self.run_cli("report", "--out", self.path("missing/report.csv"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("folder does not exist", result.stderr)

    def test_usage_errors(self):
        self.assertEqual(self.run_cli("report").returncode, 2)
        self.assertEqual(self.report("report.txt").returncode, 2)
        self.assertEqual(self.report("report.pdf", "--stats").returncode, 2)
        extra = self.run_cli("report", "--out", self.path("a.pdf"), "extra")
        self.assertEqual(extra.returncode, 2)
        self.assertEqual(os.listdir(self.out), [])

    def test_help_documents_the_csv_choice(self):
        result = subprocess.run([CLI, "report", "--help"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0)
        flat = " ".join(result.stdout.split())
        self.assertIn("--stats", flat)
        self.assertIn("one row per answer", flat)
        self.assertIn("sensitive", flat)


if __name__ == "__main__":
    unittest.main()
