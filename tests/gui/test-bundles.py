#!/usr/bin/python3
# test-bundles.py: a lead's app imports a member's bundle given on its command
# line, as a double-click does, and shows the summary, the identity page and,
# for a damaged bundle, the check that failed with nothing changed
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   test-bundles.py PATH-TO-scrutineer
# SC_CLI names scrutineer-cli. Two stores are made with the CLI (a lead with
# the demo inspection, a member in its team, each enrolling the other); the
# member records an answer and exports a member bundle for the lead. The
# lead's app is started with that bundle as its argument. Screenshots go to
# $SC_SCREENSHOT_DIR. Every wait is bounded; only the processes this test
# started are stopped.

import json
import os
import re
import subprocess
import sys
import tempfile
import time

import scgui
from scgui import (TIMEOUT, check, close_button, find, find_all, frame, has_state, is_visible,
                   label, label_starting, log, run_flow, save_as, settings_env, unlock, wait_for)
import pyatspi  # noqa: E402 (scgui switches accessibility on first)

FINGERPRINT = re.compile(r"^fingerprint: (\d{5} \d{5} \d{5} \d{5})$", re.MULTILINE)
MARKER = "Gui-Bundle-Marker-5521"


class Session(scgui.Session):
    """Three stores made with the CLI, and the lead's app."""

    def __init__(self, app_path, tmp):
        super().__init__(app_path, "bundles", tmp)
        self.env = None

    def prepare(self):
        """Two stores that know each other, and a member bundle for the lead."""
        self.ok("lead", "init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive")
        self.ok("lead", "demo", "--records", "6")
        self.ok("member", "init", "--name", "Bob Reader", "--role", "inspector",
                "--kdf", "interactive")
        lead_card, member_card = self.path("lead.card"), self.path("member.card")
        self.lead_print = FINGERPRINT.search(
            self.ok("lead", "identity", "export", "--out", lead_card).stdout).group(1)
        self.member_print = FINGERPRINT.search(
            self.ok("member", "identity", "export", "--out", member_card).stdout).group(1)
        records = json.loads(self.ok("lead", "records", "list", "--json").stdout)
        self.ok("lead", "enrol", member_card, "--role", "inspector",
                "--inspection", records[0]["inspection"])
        self.ok("member", "enrol", lead_card, "--role", "lead")
        self.ok("lead", "bundle", "export", "--kind", "setup", "--to", member_card,
                "--out", self.path("setup.scrb"))
        self.ok("member", "bundle", "import", self.path("setup.scrb"))
        self.ok("member", "reading", "set", "R-0002", "initial-response", "5",
                "--evidence", MARKER)
        self.bundle = self.path("from-bob.scrb")
        self.ok("member", "bundle", "export", "--kind", "member", "--to", lead_card,
                "--out", self.bundle)
        # A third device, whose card the lead enrols in the app.
        self.ok("carol", "init", "--name", "Carol Deputy", "--role", "deputy",
                "--kdf", "interactive")
        self.carol_card = self.path("carol.card")
        self.carol_print = FINGERPRINT.search(
            self.ok("carol", "identity", "export", "--out", self.carol_card).stdout).group(1)
        self.answers_before = json.loads(
            self.ok("lead", "check", "--json").stdout)["counts"]["answer"]

    def launch(self, *files):
        self.env = dict(os.environ, SCRUTINEER_STORE=self.path("lead"),
                        **settings_env(self.tmp, 1000, 720))
        # SC_GDB=1: under gdb, for a backtrace in the log if it crashes.
        wrap = ["gdb", "-batch", "-ex", "run", "-ex", "thread apply all bt", "--args"] \
            if os.environ.get("SC_GDB") else []
        self.process = subprocess.Popen([*wrap, self.app_path, *files], env=self.env,
                                        stdout=self.log_file, stderr=subprocess.STDOUT)
        log(f"started scrutineer, pid {self.process.pid}")
        app = wait_for("the application on the accessibility bus",
                       lambda: scgui.root.application("scrutineer", retry=False))
        wait_for("the main window", lambda: frame(app, "Scrutineer"))
        return app

    def open_again(self, path):
        """What a double-click does while the app runs: a second process hands the
        file to the first and exits."""
        second = subprocess.run([self.app_path, path], env=self.env, timeout=TIMEOUT,
                                stdout=self.log_file, stderr=subprocess.STDOUT)
        check(second.returncode == 0, "the second launch hands the file over and exits")

    def quit(self, app):
        """Closes the main window, which closes the store and the Exchange Bundles
        window with it (without a window manager the keyboard focus may be nowhere)."""
        close_button(frame(app, "Scrutineer")).doActionNamed("click")
        self.wait_exit()


def exchange_window(app):
    return wait_for("the Exchange Bundles window",
                    lambda: find(app, lambda n: n.roleName in ("frame", "dialog")
                                 and n.name == "Exchange Bundles"), timeout=40)


def switch_to(window, page):
    def switch():
        found = find_all(window, lambda n: n.roleName in ("page tab", "toggle button")
                         and is_visible(n) and (n.name == page or find(
                             n, lambda m: m.roleName == "label" and m.name == page)))
        return found[0] if found else None

    toggle = wait_for(f"the {page} page switch", switch)
    if "click" in toggle.actions:
        toggle.doActionNamed("click")
    else:
        toggle.click()
    time.sleep(0.5)


def flow(session):
    session.prepare()
    app = session.launch(session.bundle)
    unlock(app)
    window = exchange_window(app)
    summary = wait_for("the import summary",
                       lambda: label(window, "Imported the member bundle from Bob Reader"),
                       timeout=40)
    check(summary is not None, "the summary names the kind of bundle and its sender")
    rows = {}
    for title in ("New rows", "Updated rows", "Conflicts kept for the lead"):
        row = wait_for(f"the {title} row", lambda t=title: find(
            window, lambda n: n.roleName == "list item" and (n.name or "").startswith(t)
            and is_visible(n)) or label(window, t))
        rows[title] = row
    counts = [n.name for n in find_all(window, lambda n: n.roleName == "label"
                                       and re.fullmatch(r"\d+", n.name or "")
                                       and is_visible(n))]
    log(f"counts shown: {counts}")
    check(counts[:3] == ["3", "0", "0"],
          "3 new rows (assignment, reading, answer), none updated, no conflicts")
    session.screenshot("import-summary")

    switch_to(window, "Identity")
    wait_for("this device's fingerprint", lambda: label(window, session.lead_print))
    member = wait_for("Bob Reader among the enrolled devices",
                      lambda: find(window, lambda n: (n.name or "").startswith("Bob Reader")
                                   and is_visible(n)))
    check(member is not None, "the enrolled member is listed")
    check(find(window, lambda n: session.member_print in (n.name or "")
               or session.member_print in (n.description or "")) is not None,
          "with the fingerprint to compare aloud")
    session.screenshot("identity")

    switch_to(window, "Export")
    recipient = wait_for("Bob Reader among the recipients",
                         lambda: find(window, lambda n: n.roleName == "check box"
                                      and (n.name or "").startswith("Bob Reader")))
    check(has_state(recipient, pyatspi.STATE_CHECKED),
          "a lead's setup bundle is addressed to the enrolled member by default")
    check(label_starting(window, "The bundle is signed and encrypted.") is not None,
          "the page says who can open the file")
    session.screenshot("export")
    export = wait_for("the Export Bundle button", lambda: [
        b for b in find_all(window, lambda n: n.roleName == "push button" and is_visible(n)
                            and "Export Bundle" in (n.name or ""))][0])
    export.doActionNamed("click")
    exported = session.path("setup-from-app.scrb")
    save_as(app, exported)
    wait_for("the export's toast", lambda: label_starting(window, "Exported setup-from-app.scrb"))
    with open(exported, "rb") as f:
        check(f.read(5) == b"SCRB\x01", "the file is a bundle")
    check(os.path.exists(os.path.join(session.path("lead"), "outbox", "setup-from-app.scrb")),
          "a copy waits in the outbox for the next sync")

    switch_to(window, "Conflicts")
    wait_for("the empty conflicts page", lambda: label(window, "No Conflicts"))

    # A damaged copy, opened while the app runs: refused, saying which check.
    with open(session.bundle, "rb") as f:
        data = bytearray(f.read())
    data[len(data) - 64 - 5] ^= 1  # in the payload, just before the signature
    spoilt = session.path("spoilt.scrb")
    with open(spoilt, "wb") as f:
        f.write(data)
    session.open_again(spoilt)
    wait_for("the failure page", lambda: label(window, "Nothing Was Imported"))
    reason = wait_for("the check that failed", lambda: label_starting(window, "Signature check"))
    check("Nothing was imported" in reason.name, "the message says nothing changed")
    session.screenshot("import-failed")

    # An identity card opened the same way: enrolled once its fingerprint is confirmed.
    session.open_again(session.carol_card)
    dialog = wait_for("the enrolment question",
                      lambda: find(app, lambda n: n.roleName in ("dialog", "frame", "alert")
                                   and "Enrol Carol Deputy?" in (n.name or "")
                                   or (n.roleName == "label" and n.name == "Enrol Carol Deputy?")))
    check(label(app, session.carol_print) is not None,
          "the dialog shows the card's fingerprint to compare aloud")
    session.screenshot("enrol")
    confirm = wait_for("the confirming button", lambda: [
        b for b in find_all(app, lambda n: n.roleName == "push button" and is_visible(n)
                            and "Fingerprints Match" in (n.name or ""))][0])
    confirm.doActionNamed("click")
    wait_for("Carol among the enrolled devices",
             lambda: find(window, lambda n: n.roleName == "label" and n.name == "Carol Deputy"
                          and is_visible(n)))
    session.quit(app)

    counts = json.loads(session.ok("lead", "check", "--json").stdout)["counts"]
    check(counts["answer"] == session.answers_before + 1,
          "the member's answer is in the lead's store")
    again = json.loads(session.ok("lead", "bundle", "import", session.bundle, "--json").stdout)
    check(again["already_imported"] is True, "the app imported that very bundle")
    opened = session.cli_on("member", "bundle", "import", exported)
    check(opened.returncode == 0, "the member opens the setup bundle the app wrote: "
          + opened.stderr.strip())
    sealed = session.cli_on("lead", "bundle", "export", "--kind", "setup",
                             "--to", session.carol_card, "--out", session.path("to-carol.scrb"))
    check(sealed.returncode == 0, "the card enrolled in the app is trusted by the store: "
          + sealed.stderr.strip())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-bundles.py PATH-TO-scrutineer")
    with tempfile.TemporaryDirectory() as tmp:
        return run_flow(Session(sys.argv[1], tmp), flow)


if __name__ == "__main__":
    scgui.main(main)
