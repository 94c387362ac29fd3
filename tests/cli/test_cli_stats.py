#!/usr/bin/env python3
# scrutineer-cli stats agreement: the contract in CLI.md, exit codes and messages.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
SRCDIR = os.environ["G_TEST_SRCDIR"]
DATA = os.path.join(SRCDIR, "agreement", "data")

KEYS = ["n_units", "n_pairs", "exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
        "alpha_nominal", "alpha_ordinal", "alpha_interval", "confusion", "bias", "ci"]
CI_KEYS = {"kappa", "kappa_linear", "kappa_quadratic",
           "alpha_nominal", "alpha_ordinal", "alpha_interval"}


def data(name):
    return os.path.join(DATA, name)


def run(*args, timeout=30):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout)


def no_constants(name):
    raise ValueError(f"{name} is not JSON")


class Agreement(unittest.TestCase):
    def stats(self, name, *options):
        result = run("stats", "agreement", data(name), "--json", *options)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        # NaN and Infinity are not JSON: refuse them rather than let Python accept them.
        doc = json.loads(result.stdout, parse_constant=no_constants)
        self.assertEqual(list(doc), KEYS)
        self.assertEqual(set(doc["ci"]), CI_KEYS)
        return doc

    def assert_intervals_hold(self, doc):
        for key, interval in doc["ci"].items():
            if interval is None:
                continue
            low, high = interval
            self.assertLessEqual(low, doc[key], key)
            self.assertLessEqual(doc[key], high, key)

    def test_two_readers_numeric(self):
        doc = self.stats("six-point.csv")
        self.assertEqual(doc["n_units"], 18)
        self.assertEqual(doc["n_pairs"], 15)
        expected = {
            "exact": 0.4, "within_one": 14 / 15, "bias": -2 / 15,
            "kappa": 0.25824175824175827, "kappa_linear": 0.5810055865921788,
            "kappa_quadratic": 0.8, "alpha_nominal": 0.2809917355371901,
            "alpha_ordinal": 0.8151367640241075, "alpha_interval": 0.8062360801781737,
        }
        for key, value in expected.items():
            self.assertAlmostEqual(doc[key], value, places=9, msg=key)
        self.assertEqual(doc["confusion"]["labels"], [1, 2, 3, 4, 5, 6])
        matrix = doc["confusion"]["matrix"]
        self.assertEqual(len(matrix), 6)
        self.assertEqual(sum(map(sum, matrix)), 15)
        self.assertEqual(matrix[4], [0, 0, 0, 1, 1, 1])  # lead gave 5
        for key in CI_KEYS:
            self.assertEqual(len(doc["ci"][key]), 2, key)
        self.assert_intervals_hold(doc)

    def test_krippendorff_2011(self):
        doc = self.stats("krippendorff-2011.csv")
        self.assertEqual(doc["n_units"], 12)
        self.assertEqual(doc["n_pairs"], 11)
        self.assertEqual(round(doc["alpha_nominal"], 3), 0.743)
        self.assertEqual(round(doc["alpha_ordinal"], 3), 0.815)
        self.assertEqual(round(doc["alpha_interval"], 3), 0.849)
        for key in ("exact", "within_one", "kappa", "kappa_linear", "kappa_quadratic",
                    "confusion", "bias"):
            self.assertIsNone(doc[key], key)
        self.assertIsNone(doc["ci"]["kappa"])
        self.assertIsNotNone(doc["ci"]["alpha_ordinal"])
        self.assert_intervals_hold(doc)

    def test_labels(self):
        doc = self.stats("kappa-2x2.csv")
        self.assertEqual(doc["n_pairs"], 50)
        self.assertAlmostEqual(doc["exact"], 0.7, places=12)
        self.assertAlmostEqual(doc["kappa"], 0.4, places=12)
        for key in ("within_one", "kappa_linear", "kappa_quadratic", "alpha_ordinal",
                    "alpha_interval", "bias"):
            self.assertIsNone(doc[key], key)
        self.assertEqual(doc["confusion"], {"labels": ["no", "yes"],
                                            "matrix": [[15, 10], [5, 20]]})

    def test_three_readers_labels(self):
        doc = self.stats("three-readers-labels.csv")
        self.assertEqual(doc["n_units"], 7)
        self.assertEqual(doc["n_pairs"], 6)
        self.assertAlmostEqual(doc["alpha_nominal"], 0.4642857142857143, places=12)
        self.assertIsNone(doc["kappa"])
        self.assertIsNone(doc["confusion"])

    def test_single_category(self):
        doc = self.stats("single-category.csv")
        self.assertEqual(doc["n_units"], 4)
        self.assertEqual(doc["n_pairs"], 3)
        self.assertEqual(doc["exact"], 1)
        self.assertEqual(doc["within_one"], 1)
        self.assertEqual(doc["bias"], 0)
        for key in CI_KEYS:
            self.assertIsNone(doc[key], key)
            self.assertIsNone(doc["ci"][key], key)
        self.assertEqual(doc["confusion"], {"labels": [3], "matrix": [[3]]})

    def test_level(self):
        doc = self.stats("krippendorff-2011.csv", "--level", "ordinal")
        self.assertIsNone(doc["alpha_nominal"])
        self.assertIsNone(doc["alpha_interval"])
        self.assertEqual(round(doc["alpha_ordinal"], 3), 0.815)
        self.assertIsNone(doc["ci"]["alpha_nominal"])
        self.assertIsNotNone(doc["ci"]["alpha_ordinal"])

    def test_seed(self):
        default = self.stats("six-point.csv")
        one = self.stats("six-point.csv", "--seed", "1")
        again = self.stats("six-point.csv", "--seed=42")
        other = self.stats("six-point.csv", "--seed", "42")
        self.assertEqual(default["ci"], one["ci"])
        self.assertEqual(again["ci"], other["ci"])
        self.assertNotEqual(one["ci"], other["ci"])
        self.assertEqual(one["kappa"], other["kappa"])

    def test_no_resamples(self):
        doc = self.stats("six-point.csv", "--resamples", "0")
        self.assertEqual(doc["ci"], {key: None for key in CI_KEYS})

    def test_table(self):
        result = run("stats", "agreement", data("kappa-2x2.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Cohen’s kappa", result.stdout)
        self.assertIn("0.400", result.stdout)
        self.assertIn("Confusion matrix: rows first, columns second", result.stdout)
        self.assertNotIn("quadratic", result.stdout)  # not applicable to labels
        result = run("stats", "agreement", data("single-category.csv"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("undefined", result.stdout)
        self.assertNotIn("nan", result.stdout.lower())


class Errors(unittest.TestCase):
    def assert_user_error(self, name, line, words):
        path = data(name)
        result = run("stats", "agreement", path, "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertTrue(lines[0].startswith(f"{path}:{line}: "), lines[0])
        self.assertIn(words, lines[0])

    def test_bad_header(self):
        self.assert_user_error("bad-header.csv", 1, "unit,reader,value")

    def test_wrong_number_of_fields(self):
        self.assert_user_error("bad-fields.csv", 4, "expected 3 fields")

    def test_two_values_for_one_unit(self):
        self.assert_user_error("conflict.csv", 4,
                               "reader “A” gives unit “u1” the value “3”")

    def test_missing_file(self):
        result = run("stats", "agreement", "/nonexistent/ratings.csv")
        self.assertEqual(result.returncode, 1)
        self.assertTrue(result.stderr.startswith("/nonexistent/ratings.csv: "), result.stderr)

    def test_usage_errors_exit_2(self):
        good = data("six-point.csv")
        for args in (["stats"],
                     ["stats", "frobnicate"],
                     ["stats", "agreement"],
                     ["stats", "agreement", good, good],
                     ["stats", "agreement", good, "--level", "ratio"],
                     ["stats", "agreement", good, "--seed", "x"],
                     ["stats", "agreement", good, "--seed", "-1"],
                     ["stats", "agreement", good, "--seed", "4294967296"],
                     ["stats", "agreement", good, "--resamples", "-1"],
                     ["stats", "agreement", good, "--bogus"]):
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertTrue(result.stderr.startswith("scrutineer-cli: "), result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
