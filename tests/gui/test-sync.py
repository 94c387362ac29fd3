#!/usr/bin/python3
# test-sync.py: the Sync window against a real scrutineer-central on loopback:
# refused while the device is not enrolled there (saying what to do), then a
# sync that sends the lead's team bundle and brings in a member's bundle, with
# the result shown and the central store's own counts to match
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   test-sync.py PATH-TO-scrutineer
# SC_CLI names scrutineer-cli, SCRUTINEER_CENTRAL scrutineer-central. The
# stores are made with the CLI: a lead (the demo inspection) and a member in
# its team; the member syncs a bundle for the lead up first. Screenshots go
# to $SC_SCREENSHOT_DIR as sync-NN-NAME.png. Every wait is bounded; only the
# processes this test started are stopped.

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

import scgui
from scgui import (TIMEOUT, button, check, find, find_all, is_sensitive, is_visible, label,
                   label_starting, run_flow, unlock, wait_for)
from dogtail import rawinput  # noqa: E402 (scgui switches accessibility on first)

CENTRAL = os.environ.get("SCRUTINEER_CENTRAL", "")
MARKER = "Gui-Sync-Marker-7741"


def shows(node, text):
    """Whether something visible in NODE (a label, a row's title) says TEXT."""
    return find(node, lambda n: (n.name or "").startswith(text) and is_visible(n)) is not None


class Session(scgui.Session):
    def __init__(self, app_path, tmp):
        super().__init__(app_path, "sync", tmp)
        self.server = None
        self.url = None
        self.database = "sqlite:" + self.path("central.db")

    def central(self, *args):
        result = subprocess.run([CENTRAL, *args, "--database", self.database],
                                capture_output=True, text=True, timeout=60,
                                stdin=subprocess.DEVNULL)
        check(result.returncode == 0, f"scrutineer-central {args[0]} works: {result.stderr}")
        return result

    def status(self):
        return json.loads(self.central("status", "--json").stdout)

    def start_server(self):
        self.server = subprocess.Popen([CENTRAL, "serve", "--quiet", "--listen", "127.0.0.1:0",
                                        "--database", self.database],
                                       stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                       text=True)
        ready, _, _ = select.select([self.server.stdout], [], [], TIMEOUT)
        line = self.server.stdout.readline() if ready else ""
        check(line.startswith("Listening on "), f"scrutineer-central listens: {line!r}")
        self.url = line.split()[-1]

    def stop(self):
        super().stop()
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
            self.server = None

    def prepare(self):
        """The central store, a lead with the demo inspection and a member in its
        team; the member's bundle for the lead waits at the central store."""
        self.ok("lead", "init", "--name", "Ann Lead", "--role", "lead", "--kdf", "interactive")
        self.ok("lead", "demo", "--records", "6")
        self.ok("member", "init", "--name", "Bob Reader", "--role", "inspector",
                "--kdf", "interactive")
        lead_card, member_card = self.path("lead.card"), self.path("member.card")
        central_card = self.path("central.card")
        self.ok("lead", "identity", "export", "--out", lead_card)
        self.ok("member", "identity", "export", "--out", member_card)
        self.central("identity", "export", "--out", central_card)
        records = json.loads(self.ok("lead", "records", "list", "--json").stdout)
        self.ok("lead", "enrol", member_card, "--role", "inspector",
                "--inspection", records[0]["inspection"])
        self.ok("lead", "enrol", central_card, "--role", "central")
        self.ok("member", "enrol", lead_card, "--role", "lead")
        self.ok("lead", "bundle", "export", "--kind", "setup", "--to", member_card,
                "--out", self.path("setup.scrb"))
        self.ok("member", "bundle", "import", self.path("setup.scrb"))
        self.ok("member", "reading", "set", "R-0002", "initial-response", "5",
                "--evidence", MARKER)
        # The member is enrolled at the central store; the lead not yet.
        self.central("enrol", member_card, "--role", "inspector")
        self.start_server()
        self.ok("member", "bundle", "export", "--kind", "member", "--to", lead_card,
                "--out", self.path("from-bob.scrb"))
        self.ok("member", "sync", "--server", self.url, "--push", self.path("from-bob.scrb"))
        # The lead's team bundle goes to the outbox as it is written.
        self.ok("lead", "bundle", "export", "--kind", "team", "--to", central_card,
                "--out", self.path("team-for-central.scrb"))
        check(os.path.exists(self.path("lead/outbox/team-for-central.scrb")),
              "exporting a team bundle puts it in the outbox")
        self.answers_before = json.loads(
            self.ok("lead", "check", "--json").stdout)["counts"]["answer"]

    def launch(self):
        env = self.env(SCRUTINEER_STORE=self.path("lead"))
        app = self.start((), env)
        wait_for("the main window",
                 lambda: find(app, lambda n: n.roleName == "frame" and n.name == "Scrutineer"))
        return app


def sync_window(app):
    return wait_for("the Sync window",
                    lambda: find(app, lambda n: n.roleName in ("frame", "dialog")
                                 and n.name == "Sync with Central Store"), timeout=40)


def open_from_menu(app):
    """The primary menu's item, as a user would reach it."""
    menu = wait_for("the main menu button",
                    lambda: [b for b in find_all(app, lambda n: n.roleName in (
                        "push button", "toggle button") and n.name == "Main Menu")
                        if is_visible(b)])
    target = menu[0]
    inner = find(target, lambda n: n.roleName in ("push button", "toggle button"))
    (inner or target).doActionNamed("click") if "click" in (inner or target).actions \
        else (inner or target).click()
    item = wait_for("the Sync with Central Store menu item",
                    lambda: find(app, lambda n: n.roleName in ("menu item", "push button")
                                 and "Sync with Central Store" in (n.name or "")
                                 and is_visible(n)))
    if "click" in item.actions:
        item.doActionNamed("click")
    else:
        item.click()
    return sync_window(app)


def enter_url(window, url):
    entry = wait_for("the server address entry",
                     lambda: find(window, lambda n: n.roleName == "text" and is_visible(n)
                                  and "Server address" in (n.name or "")))
    scgui.type_into(entry, url)
    time.sleep(0.3)


def sync_now(window):
    sync = wait_for("the Sync Now button",
                    lambda: (lambda b: b if b is not None and is_sensitive(b) else None)(
                        button(window, "Sync Now")))
    sync.doActionNamed("click")


def flow(session):
    session.prepare()
    before = session.status()
    check(before == {"inspections": 1, "bundles": 1, "devices": 1},
          f"the central store holds the member's bundle only: {before}")
    app = session.launch()
    unlock(app)
    window = open_from_menu(app)
    check(label_starting(window, "Never synced") is not None
          or find(window, lambda n: (n.name or "").startswith("Never synced")) is not None,
          "a store that never synced says so")
    session.screenshot("never-synced")

    # Not enrolled at the central store: refused, saying what to do.
    enter_url(window, session.url)
    sync_now(window)
    wait_for("the not-enrolled failure",
             lambda: label(window, "This device is not enrolled at the central store"),
             timeout=40)
    check(label_starting(window, "Export this device's identity card") is not None,
          "the failure says how to get enrolled")
    check(session.status() == before, "nothing was stored for a device not enrolled")
    session.screenshot("not-enrolled")

    # Enrolled: the team bundle goes up, the member's bundle comes down.
    session.central("enrol", session.path("lead.card"), "--role", "lead")
    sync_now(window)
    wait_for("the result of the sync", lambda: label_starting(window, "Succeeded: "),
             timeout=60)
    check(label(window, "Succeeded: 1 bundle sent, 1 received") is not None,
          "the result counts one bundle sent and one received")
    check(find(window, lambda n: "team-for-central.scrb" in (n.name or "")
               and is_visible(n)) is not None, "the sent bundle is named")
    check(find(window, lambda n: (n.name or "").startswith("Member bundle from Bob Reader")
               and is_visible(n)) is not None, "the received bundle names its sender")
    check(find(window, lambda n: (n.name or "").startswith("Last synced")
               and is_visible(n)) is not None, "the last sync is shown with its time")
    session.screenshot("synced")

    after = session.status()
    check(after == {"inspections": 1, "bundles": 2, "devices": 2},
          f"the central store counts the team bundle and both devices: {after}")

    # The address is remembered: a new window shows it again.
    scgui.press("Escape")
    time.sleep(0.5)
    window = open_from_menu(app)
    check(wait_for("the last sync's result", lambda: find(
        window, lambda n: is_visible(n) and any(
            "Succeeded: 1 bundle sent, 1 received" in (t or "")
            for t in (n.name, n.description)))) is not None,
          "the last sync's result is shown again")
    # GTK 4.8 does not expose an entry's text over AT-SPI: the remembered address
    # shows in a second sync, which reaches the server with nothing new to do.
    sync_now(window)
    wait_for("the second sync's result",
             lambda: label(window, "Succeeded: 0 bundles sent, 0 received"), timeout=60)
    check(shows(window, "Nothing was waiting to be sent.")
          and shows(window, "Nothing new was addressed to this device."),
          "the remembered address works, and an empty sync says nothing moved")
    session.screenshot("nothing-new")
    scgui.press("Escape")
    time.sleep(0.5)
    rawinput.keyCombo("<Control>q")
    session.wait_exit()

    counts = json.loads(session.ok("lead", "check", "--json").stdout)["counts"]
    check(counts["answer"] == session.answers_before + 1,
          "the member's answer came down into the lead's store")
    check(os.path.exists(session.path("lead/outbox/sent/team-for-central.scrb")),
          "the sent team bundle moved to outbox/sent/")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-sync.py PATH-TO-scrutineer")
    if not CENTRAL:
        sys.exit("SCRUTINEER_CENTRAL names scrutineer-central")
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(sys.argv[1], tmp)
        ok = run_flow(session, flow)
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
