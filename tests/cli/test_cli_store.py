#!/usr/bin/env python3
# scrutineer-cli init, passwd, check, demo, records and reading: the contract in CLI.md.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import re
import subprocess
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
PASSPHRASE = "correct horse battery staple"


def digest_dir(path):
    return {name: hashlib.sha256(open(os.path.join(path, name), "rb").read()).hexdigest()
            for name in sorted(os.listdir(path))}


class StoreCommands(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.store = os.path.join(self.tmp.name, "store")
        self.pass_file = self.write("pass", PASSPHRASE + "\n")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def cli(self, *args, pass_file=None, env=None):
        full_env = dict(os.environ)
        full_env.pop("SCRUTINEER_STORE", None)
        full_env.update(env or {})
        return subprocess.run([CLI, "--store", self.store, "--passphrase-file",
                               pass_file or self.pass_file, *args],
                              capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, env=full_env)

    def init(self):
        result = self.cli("init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive")
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def test_init_prints_recovery_code_last(self):
        result = self.init()
        last = result.stdout.strip().split("\n")[-1]
        self.assertRegex(last, r"^recovery code: ([A-Z2-7]{4}-){5}[A-Z2-7]{4}$")
        self.assertTrue(os.path.exists(os.path.join(self.store, "store.db")))
        with open(os.path.join(self.store, "store.db"), "rb") as f:
            self.assertNotEqual(f.read(16)[:15], b"SQLite format 3")

    def test_init_refuses_existing_store(self):
        self.init()
        before = digest_dir(self.store)
        result = self.cli("init", "--kdf", "interactive")
        self.assertEqual(result.returncode, 1)
        self.assertIn("already a store", result.stderr)
        self.assertEqual(digest_dir(self.store), before)

    def test_init_refuses_weak_passphrase(self):
        weak = self.write("weak", "short\n")
        result = self.cli("init", "--kdf", "interactive", pass_file=weak)
        self.assertEqual(result.returncode, 1)
        self.assertIn("too short", result.stderr)
        self.assertEqual(len(result.stderr.strip().split("\n")), 1)
        self.assertFalse(os.path.exists(os.path.join(self.store, "store.db")))

    def test_usage_errors(self):
        self.assertEqual(self.cli("init", "--kdf", "bogus").returncode, 2)
        self.assertEqual(self.cli("init", "extra").returncode, 2)
        self.assertEqual(self.cli("reading", "set", "R-0001").returncode, 2)
        self.assertEqual(self.cli("records").returncode, 2)

    def test_no_store(self):
        result = self.cli("check")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no store", result.stderr)

    def test_no_passphrase_without_terminal(self):
        self.init()
        result = subprocess.run([CLI, "--store", self.store, "check"], capture_output=True,
                                text=True, timeout=30, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("--passphrase-file", result.stderr)

    def test_wrong_passphrase_changes_nothing(self):
        self.init()
        before = digest_dir(self.store)
        wrong = self.write("wrong", "not the passphrase at all\n")
        result = self.cli("check", pass_file=wrong)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Wrong passphrase", result.stderr)
        self.assertEqual(len(result.stderr.strip().split("\n")), 1)
        self.assertEqual(digest_dir(self.store), before)

    def test_store_from_environment(self):
        self.init()
        result = subprocess.run([CLI, "--passphrase-file", self.pass_file, "check", "--json"],
                                capture_output=True, text=True, timeout=60,
                                env=dict(os.environ, SCRUTINEER_STORE=self.store))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(json.loads(result.stdout)["ok"])

    def test_demo_check_and_records(self):
        self.init()
        result = self.cli("demo", "--records", "30")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("records: 30/30", result.stderr)

        result = self.cli("check", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        check = json.loads(result.stdout)
        self.assertIs(check["ok"], True)
        self.assertEqual(check["cipher"], "3.4.1")
        self.assertEqual(check["counts"]["record"], 30)
        self.assertEqual(check["counts"]["concern"], 1)
        self.assertEqual(check["counts"]["member"], 4)
        self.assertGreater(check["counts"]["answer"], 100)
        self.assertGreater(check["counts"]["note"], 0)

        result = self.cli("records", "list", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        records = json.loads(result.stdout)
        self.assertEqual(len(records), 30)
        for record in records:
            self.assertEqual({"id", "ref", "cohorts", "inspection"} - set(record), set())
            self.assertIsInstance(record["cohorts"], list)
        self.assertEqual(records[0]["ref"], "R-0001")
        cohorts = {c for r in records for c in r["cohorts"]}
        self.assertEqual(cohorts, {"audited", "tracked", "sampled"})

    def test_reading_set_and_submit(self):
        self.init()
        self.assertEqual(self.cli("demo", "--records", "5").returncode, 0)

        result = self.cli("reading", "set", "R-0002", "assessment-quality", "very-good",
                          "--evidence", "Thorough and multi-agency")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.cli("reading", "set", "R-0002", "assessment-quality", "9")
        self.assertEqual(result.returncode, 1)
        self.assertIn("not a level", result.stderr)
        result = self.cli("reading", "set", "R-0002", "no-such-question", "yes")
        self.assertEqual(result.returncode, 1)
        result = self.cli("reading", "set", "R-9999", "assessment-quality", "4")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no record R-9999", result.stderr)

        result = self.cli("reading", "submit", "R-0002")
        self.assertEqual(result.returncode, 1)
        self.assertIn("required answers are missing", result.stderr)
        self.assertIn("safety-concern", result.stderr)

        show = subprocess.run([CLI, "framework", "show", "ci-joint-children-2012", "--json"],
                              capture_output=True, text=True, check=True)
        questions = {q["id"]: q for q in json.loads(show.stdout)["instruments"][0]["questions"]}
        defaults = {"scale": "4", "yesno": "no", "date": "2026-01-05", "number": "1",
                    "text": "Evidence noted"}
        # Answering can reveal further required questions: answer until it goes through.
        for _ in range(6):
            if result.returncode == 0:
                break
            for line in result.stderr.strip().split("\n")[1:]:
                qid = re.match(r"scrutineer-cli: ([\w.-]+):", line).group(1)
                question = questions[qid]
                value = defaults.get(question["type"]) or self.first_choice(question["choices"])
                answered = self.cli("reading", "set", "R-0002", qid, value)
                self.assertEqual(answered.returncode, 0, answered.stderr)
            result = self.cli("reading", "submit", "R-0002")
        self.assertEqual(result.returncode, 0, result.stderr)

        result = self.cli("reading", "set", "R-0002", "assessment-quality", "2")
        self.assertEqual(result.returncode, 1)
        self.assertIn("submitted", result.stderr)

    def first_choice(self, choice_list):
        with open(os.path.join(os.path.dirname(os.environ["G_TEST_SRCDIR"]), "data",
                               "frameworks", "ci-joint-children-2012.xml"),
                  encoding="utf-8") as f:
            text = f.read()
        block = re.search(r'<choice-list id="%s">(.*?)</choice-list>' % re.escape(choice_list),
                          text, re.S).group(1)
        return re.search(r'<choice id="([^"]+)"', block).group(1)

    def test_passwd_and_recovery(self):
        code = self.init().stdout.strip().split("\n")[-1].split(": ")[1]
        new_pass = self.write("new", "another long passphrase\n")
        result = self.cli("passwd", "--new-passphrase-file", new_pass)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.cli("check").returncode, 1)
        self.assertEqual(self.cli("check", pass_file=new_pass).returncode, 0)

        code_file = self.write("code", code.lower() + "\n")
        third = self.write("third", "a third passphrase here\n")
        result = self.cli("passwd", "--recovery-code-file", code_file,
                          "--new-passphrase-file", third)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.cli("check", pass_file=third).returncode, 0)

        bad_code = self.write("bad", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF\n")
        result = self.cli("passwd", "--recovery-code-file", bad_code,
                          "--new-passphrase-file", new_pass)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Wrong recovery code", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
