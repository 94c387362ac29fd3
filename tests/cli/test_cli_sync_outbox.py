#!/usr/bin/env python3
# scrutineer-cli bundle export --kind team puts the bundle in the sync outbox
# too, and the next `sync` sends it to a real scrutineer-central on loopback.
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later

import filecmp
import json
import os
import select
import signal
import subprocess
import tempfile
import unittest

CLI = os.environ["SCRUTINEER_CLI"]
CENTRAL = os.environ["SCRUTINEER_CENTRAL"]
PASSPHRASE = "correct horse battery staple"


class TeamBundleOutbox(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.pass_file = cls.path("pass")
        with open(cls.pass_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        cls.database = "sqlite:" + cls.path("central.db")
        cls.must("init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive")
        cls.must("demo", "--records", "6")
        cls.must("identity", "export", "--out", cls.path("lead.card"))
        cls.central("identity", "export", "--out", cls.path("central.card"))
        cls.central("enrol", cls.path("lead.card"), "--role", "lead")
        cls.must("enrol", cls.path("central.card"), "--role", "central")
        cls.server = subprocess.Popen([CENTRAL, "serve", "--quiet", "--listen", "127.0.0.1:0",
                                       "--database", cls.database],
                                      stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                      text=True)
        ready, _, _ = select.select([cls.server.stdout], [], [], 20)
        line = cls.server.stdout.readline() if ready else ""
        if not line.startswith("Listening on "):
            cls.server.kill()
            cls.server.wait()
            raise RuntimeError("scrutineer-central did not start: %r" % line)
        cls.url = line.split()[-1]

    @classmethod
    def tearDownClass(cls):
        cls.server.send_signal(signal.SIGTERM)
        try:
            cls.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            cls.server.kill()
            cls.server.wait()
        cls.tmp.cleanup()

    @classmethod
    def path(cls, *names):
        return os.path.join(cls.tmp.name, *names)

    @classmethod
    def run_cli(cls, *args):
        env = dict(os.environ)
        env.pop("SCRUTINEER_STORE", None)
        return subprocess.run([CLI, "--store", cls.path("lead"), "--passphrase-file",
                               cls.pass_file, *args], capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL, env=env)

    @classmethod
    def must(cls, *args):
        result = cls.run_cli(*args)
        assert result.returncode == 0, result.stderr
        return result

    @classmethod
    def central(cls, *args):
        result = subprocess.run([CENTRAL, *args, "--database", cls.database],
                                capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        assert result.returncode == 0, result.stderr
        return result

    def status(self):
        return json.loads(self.central("status", "--json").stdout)

    def outbox(self):
        directory = self.path("lead", "outbox")
        if not os.path.isdir(directory):
            return []
        return sorted(n for n in os.listdir(directory) if n.endswith(".scrb"))

    def sync(self):
        result = self.run_cli("sync", "--server", self.url, "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_team_bundle_goes_with_the_next_sync(self):
        # Another kind is not queued.
        setup = self.path("setup.scrb")
        result = self.must("bundle", "export", "--kind", "setup", "--to",
                           self.path("central.card"), "--out", setup)
        self.assertNotIn("next sync", result.stdout)
        self.assertEqual(self.outbox(), [])

        team = self.path("for-central.scrb")
        result = self.must("bundle", "export", "--kind", "team", "--to",
                           self.path("central.card"), "--out", team)
        self.assertIn("Wrote the team bundle", result.stdout)
        self.assertIn("next sync", result.stdout)
        self.assertEqual(self.outbox(), ["for-central.scrb"])
        self.assertTrue(filecmp.cmp(team, self.path("lead", "outbox", "for-central.scrb"),
                                    shallow=False))
        self.assertEqual(self.status()["bundles"], 0)

        report = self.sync()
        self.assertEqual(len(report["pushed"]), 1, report)
        self.assertEqual(report["problems"], [])
        self.assertEqual(self.status()["bundles"], 1)
        self.assertEqual(self.outbox(), [])
        self.assertTrue(os.path.exists(self.path("lead", "outbox", "sent", "for-central.scrb")))

        # Sent once: the next sync has nothing to send.
        again = self.sync()
        self.assertEqual((again["pushed"], again["present"]), ([], []))
        self.assertEqual(self.status()["bundles"], 1)

        # Written straight into the outbox: kept as it is, not copied twice.
        direct = self.path("lead", "outbox", "direct.scrb")
        self.must("bundle", "export", "--kind", "team", "--to", self.path("central.card"),
                  "--out", direct)
        self.assertEqual(self.outbox(), ["direct.scrb"])
        self.assertGreater(os.path.getsize(direct), 0)
        report = self.sync()
        self.assertEqual(len(report["pushed"]), 1, report)
        self.assertEqual(self.status()["bundles"], 2)


if __name__ == "__main__":
    unittest.main()
