#!/usr/bin/env python3
# scrutineer-cli sync against a real scrutineer-central, with real stores and
# real bundles: the flow of a team back from the field.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs against SQLite, and against PostgreSQL when pg-fixture.py started one
# (SC_TEST_PG_HOST, SC_TEST_PG_PORT).

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import uuid

CLI = os.environ["SCRUTINEER_CLI"]
CENTRAL = os.environ["SCRUTINEER_CENTRAL"]
PASSPHRASE = "correct horse battery staple"


def start_server(database):
    """scrutineer-central serve on a free loopback port; returns (process, url)."""
    proc = subprocess.Popen([CENTRAL, "serve", "--quiet", "--listen", "127.0.0.1:0",
                             "--database", database],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    ready, _, _ = select.select([proc.stdout], [], [], 20)
    line = proc.stdout.readline() if ready else ""
    if not line.startswith("Listening on "):
        proc.kill()
        proc.wait()
        raise RuntimeError("scrutineer-central did not start: %r" % line)
    return proc, line.split()[-1]


def stop_server(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class SyncFlow:
    """A lead and a member, and the central store between them."""

    backend = None

    @classmethod
    def database(cls):
        raise NotImplementedError

    @classmethod
    def drop_database(cls):
        pass

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.pass_file = cls.path("pass")
        with open(cls.pass_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        for name, owner, role in (("lead", "Ann Lead", "lead"),
                                  ("member", "Bob Reader", "inspector"),
                                  ("stranger", "Cat Other", "inspector")):
            cls.must(name, "init", "--name", owner, "--role", role, "--kdf", "interactive")
            cls.must(name, "identity", "export", "--out", cls.path(name + ".card"))
        cls.must("lead", "demo", "--records", "6")
        cls.db_url = cls.database()
        cls.central("identity", "export", "--out", cls.path("central.card"))
        cls.central("enrol", cls.path("lead.card"), "--role", "lead")
        cls.central("enrol", cls.path("member.card"), "--role", "inspector")
        cls.must("lead", "enrol", cls.path("member.card"), "--role", "inspector")
        cls.must("lead", "enrol", cls.path("central.card"), "--role", "central")
        cls.must("member", "enrol", cls.path("lead.card"), "--role", "lead")
        cls.server, cls.url = start_server(cls.db_url)

    @classmethod
    def tearDownClass(cls):
        stop_server(cls.server)
        cls.drop_database()
        cls.tmp.cleanup()

    @classmethod
    def path(cls, name):
        return os.path.join(cls.tmp.name, name)

    @classmethod
    def run_cli(cls, store, *args):
        env = dict(os.environ)
        env.pop("SCRUTINEER_STORE", None)
        return subprocess.run([CLI, "--store", cls.path(store), "--passphrase-file",
                               cls.pass_file, *args], capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL, env=env)

    @classmethod
    def must(cls, store, *args):
        result = cls.run_cli(store, *args)
        assert result.returncode == 0, result.stderr
        return result

    @classmethod
    def central(cls, *args):
        result = subprocess.run([CENTRAL, *args, "--database", cls.db_url],
                                capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        return result

    def status(self):
        return json.loads(self.central("status", "--json").stdout)

    def sync(self, store, *args):
        result = self.run_cli(store, "sync", "--server", self.url, "--json", *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def one_error_line(self, result, *words):
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, result.stderr)
        for word in words:
            self.assertIn(word, lines[0])

    def test_1_setup_goes_up_and_comes_down(self):
        setup = self.path("setup.scrb")
        self.must("lead", "bundle", "export", "--kind", "setup", "--to",
                  self.path("member.card"), "--out", setup)
        report = self.sync("lead", "--push", setup)
        self.assertEqual(len(report["pushed"]), 1)
        self.assertEqual(report["pulled"], [])
        self.assertEqual(report["problems"], [])
        self.assertTrue(os.path.exists(self.path("lead/outbox/sent/setup.scrb")))
        self.assertFalse(os.path.exists(self.path("lead/outbox/setup.scrb")))
        self.assertEqual(self.status(), {"inspections": 1, "bundles": 1, "devices": 2})

        report = self.sync("member")
        self.assertEqual(report["pushed"], [])
        self.assertEqual(len(report["pulled"]), 1)
        pulled = report["pulled"][0]
        self.assertEqual(pulled["id"], report["pulled"][0]["id"])
        self.assertEqual(pulled["kind"], "setup")
        self.assertGreater(pulled["new"], 6)
        counts = json.loads(self.must("member", "check", "--json").stdout)["counts"]
        self.assertEqual(counts["record"], 6)
        self.assertEqual(os.listdir(self.path("member/inbox")), [])

        # Nothing twice: the member imported it, the lead sent it.
        self.assertEqual(self.sync("member")["pulled"], [])
        again = self.sync("lead")
        self.assertEqual((again["pushed"], again["present"], again["pulled"]), ([], [], []))

        # Sending a bundle the server has already is fine.
        os.makedirs(self.path("lead/outbox"), exist_ok=True)
        shutil.copy(setup, self.path("lead/outbox/again.scrb"))
        report = self.sync("lead")
        self.assertEqual(report["pushed"], [])
        self.assertEqual(len(report["present"]), 1)
        self.assertEqual(self.status()["bundles"], 1)

    def test_3_team_bundle_to_central(self):
        bundle = self.path("team.scrb")
        self.must("lead", "bundle", "export", "--kind", "team", "--to",
                  self.path("central.card"), "--out", bundle)
        before = self.status()["bundles"]
        text = self.run_cli("lead", "sync", "--server", self.url, "--push", bundle)
        self.assertEqual(text.returncode, 0, text.stderr)
        self.assertIn("up ", text.stdout)
        self.assertEqual(self.status()["bundles"], before + 1)
        # The report across inspections (the demo has no evaluations yet).
        csv = self.path("report.csv")
        result = self.central("report", "--out", csv)
        self.assertIn("outside the encrypted store", result.stderr)
        with open(csv, encoding="utf-8") as f:
            self.assertEqual(f.readline().strip(), "framework,framework_version,indicator,"
                             "indicator_title,level,level_label,inspections")
        pdf = self.path("report.pdf")
        self.central("report", "--out", pdf)
        with open(pdf, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        again = subprocess.run([CENTRAL, "report", "--out", pdf, "--database", self.db_url],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(again.returncode, 1, again.stderr)
        wrong = subprocess.run([CENTRAL, "report", "--out", self.path("report.txt"),
                                "--database", self.db_url],
                               capture_output=True, text=True, timeout=60)
        self.assertEqual(wrong.returncode, 2, wrong.stderr)

    def test_4_refusals(self):
        # A device the central store does not know: one line, nothing stored.
        before = self.status()
        result = self.run_cli("stranger", "sync", "--server", self.url)
        self.one_error_line(result, "not enrolled")
        self.assertEqual(self.status(), before)
        # Plain HTTP elsewhere than this computer, no server, bad usage.
        self.one_error_line(self.run_cli("lead", "sync", "--server", "http://example.org"),
                            "https://")
        self.one_error_line(self.run_cli("lead", "sync", "--server", "http://127.0.0.1:1"),
                            "cannot be reached")
        self.assertEqual(self.run_cli("lead", "sync").returncode, 2)
        # Someone else's bundle in the outbox is reported and left there.
        foreign = self.path("foreign.scrb")
        self.must("member", "bundle", "export", "--kind", "member", "--to",
                  self.path("lead.card"), "--out", foreign)
        os.makedirs(self.path("lead/outbox"), exist_ok=True)
        shutil.copy(foreign, self.path("lead/outbox/foreign.scrb"))
        result = self.run_cli("lead", "sync", "--server", self.url)
        self.one_error_line(result, "another device")
        self.assertTrue(os.path.exists(self.path("lead/outbox/foreign.scrb")))
        os.unlink(self.path("lead/outbox/foreign.scrb"))

    def test_9_member_bundle_waits_for_the_team(self):
        # The member's bundle goes up and comes down to the lead, whose store
        # refuses it (the demo's team does not hold the member): the sync says
        # which check failed, changes nothing, and tries again next time, when
        # the lead may have added the member to the team.
        bundle = self.path("member.scrb")
        self.must("member", "bundle", "export", "--kind", "member", "--to",
                  self.path("lead.card"), "--out", bundle)
        report = self.sync("member", "--push", bundle)
        self.assertEqual(len(report["pushed"]), 1)
        before = json.loads(self.must("lead", "check", "--json").stdout)["counts"]
        for _ in range(2):
            result = self.run_cli("lead", "sync", "--server", self.url)
            self.one_error_line(result, "Signer check failed", "team")
        self.assertEqual(json.loads(self.must("lead", "check", "--json").stdout)["counts"],
                         before)
        self.assertEqual(os.listdir(self.path("lead/inbox")), [])


class SqliteSync(SyncFlow, unittest.TestCase):
    @classmethod
    def database(cls):
        return "sqlite:" + cls.path("central.db")


@unittest.skipUnless(os.environ.get("SC_TEST_PG_HOST"), "no PostgreSQL fixture")
class PostgresqlSync(SyncFlow, unittest.TestCase):
    @classmethod
    def admin(cls, sql):
        conninfo = "host=%s port=%s user=scrutineer dbname=postgres" % (
            os.environ["SC_TEST_PG_HOST"], os.environ["SC_TEST_PG_PORT"])
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql],
                       check=True, timeout=60, capture_output=True)

    @classmethod
    def database(cls):
        cls.db_name = "sc_sync_" + uuid.uuid4().hex[:12]
        cls.admin("CREATE DATABASE " + cls.db_name)
        return "postgresql:///%s?host=%s&port=%s&user=scrutineer" % (
            cls.db_name, os.environ["SC_TEST_PG_HOST"], os.environ["SC_TEST_PG_PORT"])

    @classmethod
    def drop_database(cls):
        cls.admin("DROP DATABASE IF EXISTS %s WITH (FORCE)" % cls.db_name)


if __name__ == "__main__":
    unittest.main()
