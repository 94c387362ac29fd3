#!/usr/bin/env python3
# scrutineer-cli allocate, reallocate, compare, moderate and stats inspection.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
PASSPHRASE = "correct horse battery staple"
AGREEMENT_KEYS = {"n_units", "n_pairs", "exact", "within_one", "kappa", "kappa_linear",
                  "kappa_quadratic", "alpha_nominal", "alpha_ordinal", "alpha_interval",
                  "confusion", "bias", "ci"}


class DoubleReading(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.store = os.path.join(cls.tmp.name, "store")
        cls.pass_file = os.path.join(cls.tmp.name, "pass")
        with open(cls.pass_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        for args in (("init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive"),
                     ("demo",)):
            result = cls.cli(*args)
            assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def cli(cls, *args):
        env = dict(os.environ)
        env.pop("SCRUTINEER_STORE", None)
        return subprocess.run([CLI, "--store", cls.store, "--passphrase-file", cls.pass_file,
                               *args], capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, env=env)

    def json_of(self, *args):
        result = self.cli(*args, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_1_demo_is_allocated(self):
        # The demo allocated with its own seed: doing it again changes nothing.
        loads = self.json_of("allocate")
        self.assertEqual(loads["fraction"], 0.2)
        self.assertEqual(loads["seed"], 2012)
        self.assertEqual(loads["records"], 40)
        self.assertEqual(loads["double_read"], 8)
        self.assertEqual(loads["changed"], 0)
        self.assertEqual(len(loads["readers"]), 4)
        for reader in loads["readers"]:
            self.assertEqual(set(reader), {"id", "name", "primary", "second", "total"})
            self.assertEqual(reader["total"], reader["primary"] + reader["second"])
        totals = [r["total"] for r in loads["readers"]]
        self.assertLessEqual(max(totals) - min(totals), 1)
        self.assertEqual(sum(r["second"] for r in loads["readers"]), 8)

        result = self.cli("allocate")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("8 read twice", result.stdout)
        self.assertIn("Ann Lead", result.stdout)

        again = self.json_of("reallocate")
        self.assertEqual(again["changed"], 0)
        self.assertEqual(again["readers"], loads["readers"])

    def test_2_allocate_usage(self):
        for args in (("--fraction", "2"), ("--fraction", "a lot"), ("--seed", "-1"),
                     ("--seed", "x"), ("extra",)):
            result = self.cli("allocate", *args)
            self.assertEqual(result.returncode, 2, args)
            self.assertEqual(len(result.stderr.strip().split("\n")), 2)

    def test_3_compare(self):
        report = self.json_of("compare")
        self.assertEqual(set(report), {"counts", "comparisons"})
        self.assertEqual(set(report["counts"]), {"exact", "adjacent", "discrepant", "missing"})
        self.assertGreater(report["counts"]["exact"], 0)
        self.assertGreater(len(report["comparisons"]), 0)
        for c in report["comparisons"]:
            self.assertEqual(set(c), {"record", "ref", "question", "primary_reader",
                                      "second_reader", "primary", "second", "match",
                                      "moderated"})
            self.assertNotEqual(c["match"], "exact")
            self.assertNotEqual(c["primary_reader"], c["second_reader"])
        # The demo moderates a few differences.
        moderated = [c for c in report["comparisons"] if c["moderated"]]
        self.assertGreater(len(moderated), 0)
        self.assertTrue(all(m["moderated"]["rationale"] for m in moderated))

        everything = self.json_of("compare", "--all")
        self.assertEqual(len(everything["comparisons"]), sum(everything["counts"].values()))

        result = self.cli("compare")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("double-read records", result.stdout)

    def test_4_moderate(self):
        report = self.json_of("compare")
        target = next(c for c in report["comparisons"]
                      if c["match"] in ("adjacent", "discrepant") and not c["moderated"]
                      and c["primary"] and c["primary"].isdigit())
        ref, question = target["ref"], target["question"]

        result = self.cli("moderate", ref, question, target["primary"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("--rationale", result.stderr)
        result = self.cli("moderate", ref, question, target["primary"], "--rationale", " ")
        self.assertEqual(result.returncode, 1)
        self.assertIn("rationale", result.stderr)
        result = self.cli("moderate", "R-9999", question, "4", "--rationale", "Why")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no record R-9999", result.stderr)
        result = self.cli("moderate", ref, question, "99", "--rationale", "Why")
        self.assertEqual(result.returncode, 1)

        result = self.cli("moderate", ref, question, target["primary"], "--rationale",
                          "The record supports the first reading")
        self.assertEqual(result.returncode, 0, result.stderr)
        after = self.json_of("compare")
        same = next(c for c in after["comparisons"]
                    if c["ref"] == ref and c["question"] == question)
        self.assertEqual(same["moderated"]["value"], target["primary"])
        self.assertEqual(same["moderated"]["rationale"], "The record supports the first reading")

    def test_5_moderate_needs_double_reading(self):
        records = self.json_of("records", "list")
        doubles = {c["ref"] for c in self.json_of("compare", "--all")["comparisons"]}
        single = next(r["ref"] for r in records if r["ref"] not in doubles)
        result = self.cli("moderate", single, "overall-evaluation", "4", "--rationale", "Why")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().split("\n")), 1)

    def test_6_stats_inspection(self):
        stats = self.json_of("stats", "inspection", "--seed", "3", "--resamples", "100")
        self.assertEqual(set(stats), {"overall", "questions", "indicators", "reader_pairs",
                                      "moderated_bias"})
        self.assertEqual(set(stats["overall"]), AGREEMENT_KEYS)
        self.assertGreater(stats["overall"]["n_pairs"], 0)
        # Graded questions pooled: the ordinal statistics apply.
        self.assertIsNotNone(stats["overall"]["within_one"])
        self.assertIsNotNone(stats["overall"]["confusion"])
        self.assertIn("assessment-quality", stats["questions"])
        self.assertIn("5.2", stats["indicators"])
        for part in ("questions", "indicators"):
            for key, value in stats[part].items():
                self.assertEqual(set(value), AGREEMENT_KEYS, key)
        # A choice question: nominal only.
        self.assertIsNone(stats["questions"]["child-views-recorded"]["within_one"])
        self.assertGreater(len(stats["reader_pairs"]), 0)
        for pair in stats["reader_pairs"]:
            self.assertEqual(set(pair), AGREEMENT_KEYS | {"readers"})
            self.assertEqual(len(pair["readers"]), 2)
            self.assertLess(pair["readers"][0], pair["readers"][1])
        for reader, bias in stats["moderated_bias"].items():
            self.assertTrue(bias is None or isinstance(bias, float))
        self.assertTrue(any(b is not None for b in stats["moderated_bias"].values()))

        again = self.json_of("stats", "inspection", "--seed", "3", "--resamples", "100")
        self.assertEqual(stats, again)

        result = self.cli("stats", "inspection")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Overall", result.stdout)
        self.assertIn("Reader pairs", result.stdout)
        self.assertEqual(self.cli("stats", "inspection", "--seed", "x").returncode, 2)
        self.assertEqual(self.cli("stats", "inspection", "extra").returncode, 2)

    def test_7_allocate_again(self):
        # A new fraction and seed: started work keeps its reader, the sample grows.
        before = self.json_of("compare", "--all")["comparisons"]
        loads = self.json_of("allocate", "--fraction", "30%", "--seed", "9")
        self.assertEqual(loads["fraction"], 0.3)
        self.assertEqual(loads["seed"], 9)
        self.assertGreaterEqual(loads["double_read"], 12)
        self.assertGreater(loads["changed"], 0)
        after = self.json_of("compare", "--all")["comparisons"]
        # Submitted double readings are started work: all still compared, same readers.
        pairs = {(c["ref"], c["primary_reader"], c["second_reader"]) for c in before}
        self.assertTrue(pairs <= {(c["ref"], c["primary_reader"], c["second_reader"])
                                  for c in after})
        self.assertEqual(self.json_of("allocate")["fraction"], 0.3)


if __name__ == "__main__":
    unittest.main(verbosity=2)
