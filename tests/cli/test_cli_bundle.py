#!/usr/bin/env python3
# scrutineer-cli identity, enrol, revoke and bundle: the contract in CLI.md.
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
FINGERPRINT = re.compile(r"^fingerprint: (\d{5} \d{5} \d{5} \d{5})$", re.MULTILINE)


def digest_dir(path):
    digests = {}
    for name in sorted(os.listdir(path)):
        with open(os.path.join(path, name), "rb") as f:
            digests[name] = hashlib.sha256(f.read()).hexdigest()
    return digests


class BundleCommands(unittest.TestCase):
    """A lead, a member and a central store, as in the team's flow."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.pass_file = os.path.join(cls.tmp.name, "pass")
        with open(cls.pass_file, "w", encoding="utf-8") as f:
            f.write(PASSPHRASE + "\n")
        for name, owner, role in (("lead", "Ann Lead", "lead"),
                                  ("member", "Bob Reader", "inspector"),
                                  ("central", "Central Store", "support")):
            result = cls.run_cli(name, "init", "--name", owner, "--role", role,
                                 "--kdf", "interactive")
            assert result.returncode == 0, result.stderr
        result = cls.run_cli("lead", "demo", "--records", "6")
        assert result.returncode == 0, result.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    @classmethod
    def path(cls, name):
        return os.path.join(cls.tmp.name, name)

    @classmethod
    def run_cli(cls, store, *args):
        env = dict(os.environ)
        env.pop("SCRUTINEER_STORE", None)
        return subprocess.run([CLI, "--store", cls.path(store), "--passphrase-file",
                               cls.pass_file, *args],
                              capture_output=True, text=True, timeout=120,
                              stdin=subprocess.DEVNULL, env=env)

    def cli(self, store, *args):
        return self.run_cli(store, *args)

    def ok(self, store, *args):
        result = self.cli(store, *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def card(self, store):
        path = self.path(store + ".card")
        if not os.path.exists(path):
            self.ok(store, "identity", "export", "--out", path)
        return path

    def enrolled(self):
        """Each enrols the cards its side of the flow needs, once."""
        if getattr(BundleCommands, "_enrolled", False):
            return
        self.ok("lead", "enrol", self.card("member"), "--role", "inspector")
        self.ok("lead", "enrol", self.card("central"), "--role", "central")
        self.ok("member", "enrol", self.card("lead"), "--role", "lead")
        self.ok("central", "enrol", self.card("lead"), "--role", "lead")
        BundleCommands._enrolled = True

    def setup_imported(self):
        """The lead's first setup bundle, imported by the member once."""
        if getattr(BundleCommands, "_setup", None) is None:
            self.enrolled()
            bundle = self.path("setup.scrb")
            self.ok("lead", "bundle", "export", "--kind", "setup",
                    "--to", self.card("member"), "--out", bundle)
            result = self.ok("member", "bundle", "import", bundle, "--json")
            BundleCommands._setup = (bundle, json.loads(result.stdout))
        return BundleCommands._setup

    def one_error_line(self, result, *words):
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, result.stderr)
        for word in words:
            self.assertIn(word, lines[0])

    def test_identity_export_prints_fingerprint(self):
        result = self.ok("lead", "identity", "export", "--out", self.path("lead-again.card"))
        exported = FINGERPRINT.search(result.stdout)
        self.assertIsNotNone(exported, result.stdout)
        with open(self.path("lead-again.card"), encoding="utf-8") as f:
            card = f.read()
        self.assertIn("urn:scrutineer:identity:1", card)
        self.assertIn("Ann Lead", card)
        self.assertNotIn("secret", card)
        shown = FINGERPRINT.search(self.ok("lead", "identity", "show",
                                           self.path("lead-again.card")).stdout)
        self.assertEqual(shown.group(1), exported.group(1))
        self.assertIn(exported.group(1), card)

    def test_enrol_prints_the_fingerprint_to_compare(self):
        self.enrolled()
        card_fingerprint = FINGERPRINT.search(
            self.ok("member", "identity", "show", self.card("member")).stdout).group(1)
        result = self.ok("lead", "enrol", self.card("member"), "--role", "inspector")
        self.assertEqual(FINGERPRINT.search(result.stdout).group(1), card_fingerprint)
        self.assertIn("Bob Reader", result.stdout)

    def test_enrol_refuses_other_keys_for_a_known_device(self):
        self.enrolled()
        with open(self.card("member"), encoding="utf-8") as f:
            card = f.read()
        with open(self.card("central"), encoding="utf-8") as f:
            central = f.read()
        keys = re.compile(r"<(sign-key|box-key|fingerprint)>[^<]*</\1>")
        forged = keys.sub(lambda m: re.search(
            r"<%s>[^<]*</%s>" % (m.group(1), m.group(1)), central).group(0), card)
        path = self.path("forged.card")
        with open(path, "w", encoding="utf-8") as f:
            f.write(forged)
        before = digest_dir(self.path("lead"))
        result = self.cli("lead", "enrol", path, "--role", "inspector")
        self.one_error_line(result, "different keys")
        self.assertEqual(digest_dir(self.path("lead")), before)

    def test_setup_export_and_import(self):
        bundle, summary = self.setup_imported()
        with open(bundle, "rb") as f:
            data = f.read()
        self.assertEqual(data[:5], b"SCRB\x01")
        self.assertNotIn(b"R-0001", data)
        self.assertEqual(set(summary), {"new", "updated", "conflicts", "already_imported"})
        self.assertIs(summary["already_imported"], False)
        self.assertGreater(summary["new"], 6)
        self.assertEqual(summary["conflicts"], 0)
        counts = json.loads(self.ok("member", "check", "--json").stdout)["counts"]
        self.assertEqual(counts["record"], 6)
        self.assertEqual(counts["answer"], 0)  # setup bundles keep double reading blind

        before = digest_dir(self.path("member"))
        summary = json.loads(self.ok("member", "bundle", "import", bundle, "--json").stdout)
        self.assertEqual(summary, {"new": 0, "updated": 0, "conflicts": 0,
                                   "already_imported": True})
        self.assertEqual(digest_dir(self.path("member")), before)
        self.assertIn("imported before", self.ok("member", "bundle", "import", bundle).stdout)

    def test_team_bundle_to_central(self):
        self.enrolled()
        bundle = self.path("team.scrb")
        self.ok("lead", "bundle", "export", "--kind", "team", "--to", self.card("central"),
                "--out", bundle)
        summary = json.loads(self.ok("central", "bundle", "import", bundle, "--json").stdout)
        self.assertGreater(summary["new"], 100)
        lead_counts = json.loads(self.ok("lead", "check", "--json").stdout)["counts"]
        central_counts = json.loads(self.ok("central", "check", "--json").stdout)["counts"]
        for table in ("record", "answer", "reading", "note", "concern", "focus_group"):
            self.assertEqual(central_counts[table], lead_counts[table], table)

    def test_corrupted_bundle_names_the_check(self):
        self.enrolled()
        bundle = self.path("to-corrupt.scrb")
        self.ok("lead", "bundle", "export", "--kind", "setup", "--to", self.card("member"),
                "--out", bundle)
        with open(bundle, "rb") as f:
            data = bytearray(f.read())
        cases = {
            "magic": (lambda d: d.__setitem__(0, ord("X")), "Magic check failed"),
            "version": (lambda d: d.__setitem__(4, 9), "Version check failed"),
            "body": (lambda d: d.__setitem__(len(d) // 2, d[len(d) // 2] ^ 1),
                     "Signature check failed"),
            "signature": (lambda d: d.__setitem__(len(d) - 1, d[-1] ^ 1),
                          "Signature check failed"),
        }
        before = digest_dir(self.path("member"))
        for name, (damage, check) in cases.items():
            spoilt = bytearray(data)
            damage(spoilt)
            path = self.path("spoilt-%s.scrb" % name)
            with open(path, "wb") as f:
                f.write(spoilt)
            result = self.cli("member", "bundle", "import", path, "--json")
            self.one_error_line(result, check, "Nothing was imported")
            self.assertEqual(result.stdout, "")
        truncated = self.path("truncated.scrb")
        with open(truncated, "wb") as f:
            f.write(data[:len(data) // 3])
        self.one_error_line(self.cli("member", "bundle", "import", truncated), "check failed")
        self.assertEqual(digest_dir(self.path("member")), before)

    def test_member_bundle_from_outside_the_team(self):
        self.setup_imported()
        bundle = self.path("member.scrb")
        self.ok("member", "bundle", "export", "--kind", "member", "--to", self.card("lead"),
                "--out", bundle)
        before = digest_dir(self.path("lead"))
        result = self.cli("lead", "bundle", "import", bundle)
        self.one_error_line(result, "Signer check failed", "team")
        self.assertEqual(digest_dir(self.path("lead")), before)

    def test_export_to_a_card_not_enrolled(self):
        self.ok("stranger", "init", "--name", "Eve Stranger", "--kdf", "interactive")
        result = self.cli("lead", "bundle", "export", "--kind", "team",
                          "--to", self.card("stranger"), "--out", self.path("x.scrb"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("not enrolled", result.stderr)
        self.assertFalse(os.path.exists(self.path("x.scrb")))

    def test_usage_errors(self):
        card = self.card("member")
        for args in (("identity",),
                     ("identity", "export"),
                     ("identity", "frobnicate"),
                     ("enrol", card),
                     ("enrol", card, "--role", "boss"),
                     ("enrol", "--role", "lead"),
                     ("revoke",),
                     ("bundle",),
                     ("bundle", "export", "--kind", "setup", "--out", "x.scrb"),
                     ("bundle", "export", "--kind", "weekly", "--to", card, "--out", "x.scrb"),
                     ("bundle", "export", "--to", card, "--out", "x.scrb"),
                     ("bundle", "import"),
                     ("bundle", "import", "a.scrb", "b.scrb")):
            result = self.cli("lead", *args)
            self.assertEqual(result.returncode, 2, (args, result.stderr))

    def test_zy_member_joins_the_team_at_enrolment(self):
        self.setup_imported()
        inspection = json.loads(self.ok("lead", "records", "list", "--json").stdout)[0]
        self.ok("member", "reading", "set", inspection["ref"], "initial-response", "5",
                "--evidence", "Joined-Team-Marker")
        bundle = self.path("member-joined.scrb")
        self.ok("member", "bundle", "export", "--kind", "member", "--to", self.card("lead"),
                "--out", bundle)
        self.one_error_line(self.cli("lead", "bundle", "import", bundle),
                            "Signer check failed", "--inspection")
        result = self.ok("lead", "enrol", self.card("member"), "--role", "inspector",
                         "--inspection", inspection["inspection"])
        self.assertIn("Added Bob Reader to the team", result.stdout)
        summary = json.loads(self.ok("lead", "bundle", "import", bundle, "--json").stdout)
        self.assertEqual(summary["conflicts"], 0)
        self.assertGreaterEqual(summary["new"], 3)  # assignment, reading, answer
        # Enrolling again with the inspection keeps one team row and says nothing new.
        again = self.ok("lead", "enrol", self.card("member"), "--role", "inspector",
                        "--inspection", inspection["inspection"])
        self.assertNotIn("Added", again.stdout)
        # The central store's card has no member to put in a team.
        self.one_error_line(self.cli("lead", "enrol", self.card("central"), "--role", "central",
                                     "--inspection", inspection["inspection"]), "team")

    def test_zz_revoked_lead_is_refused(self):
        self.enrolled()
        bundle = self.path("after-revoke.scrb")
        self.ok("lead", "bundle", "export", "--kind", "setup", "--to", self.card("member"),
                "--out", bundle)
        with open(self.card("lead"), encoding="utf-8") as f:
            device = re.search(r"<device>([^<]+)</device>", f.read()).group(1)
        self.assertIn("Revoked", self.ok("member", "revoke", device).stdout)
        before = digest_dir(self.path("member"))
        self.one_error_line(self.cli("member", "bundle", "import", bundle),
                            "Signer check failed", "revoked")
        self.assertEqual(digest_dir(self.path("member")), before)
        self.one_error_line(self.cli("member", "revoke", "no-such-device"), "no device")


if __name__ == "__main__":
    unittest.main(verbosity=2)
