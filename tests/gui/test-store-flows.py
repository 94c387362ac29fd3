#!/usr/bin/python3
# test-store-flows.py: creating, unlocking and locking the store, and the demo,
# driven through the accessibility tree
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   SC_STORE_FLOW=first-run|unlock|auto-lock|demo test-store-flows.py PATH-TO-scrutineer
# SC_CLI names scrutineer-cli (default: ../cli/scrutineer-cli beside the app).
# Screenshots of every step go to $SC_SCREENSHOT_DIR (default: the current
# directory), named after the flow. Every wait is bounded; the test fails on
# the first thing that is not as it should be, and only ever stops the
# processes it started.

import fcntl
import glob
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time

import scgui
from scgui import (DEMO_TITLE, PASSPHRASE, TIMEOUT, TestFailure, button, check,
                   close_button, find, is_focused, is_sensitive, is_visible, main_window, press,
                   run_flow, settings_env, type_into, wait_for)
from dogtail import rawinput  # noqa: E402 (scgui switches accessibility on first)

WRONG_PASSPHRASE = "incorrect horse battery stable"
RECOVERY_CODE = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){5}$")
INSPECTION_TITLE = "Testshire services for children"
BROKEN_FRAMEWORK = """<?xml version="1.0" encoding="UTF-8"?>
<framework xmlns="urn:scrutineer:framework:1" id="broken" version="1" xml:lang="en">
  <title>A broken framework</title>
  <publisher>Scrutineer tests</publisher>
  <scales>
    <scale id="two">
      <title>Two levels</title>
      <level value="2" id="good"><label>Good</label></level>
      <level value="1" id="poor"><label>Poor</label></level>
    </scale>
  </scales>
  <sections>
    <section id="s1">
      <title>Section</title>
      <area id="a1">
        <title>Area</title>
        <indicator id="I1" scale="no-such-scale"><title>An indicator</title></indicator>
      </area>
    </section>
  </sections>
  <instruments>
    <instrument id="form" kind="record">
      <title>Form</title>
      <group id="g1">
        <title>Group</title>
        <question id="q1" type="yesno" indicators="I9"><text>A question?</text></question>
      </group>
    </instrument>
  </instruments>
</framework>
"""
# Short enough for a test, long enough to open an inspection after unlocking
# (which, with the whole demo inspection in the accessibility tree, is slow).
LOCK_SECONDS = 15


def page(app, name):
    """The window shows one page at a time; the others leave the tree."""
    node = find(app, lambda n: n.name == name and n.roleName in ("filler", "panel"))
    return node if node is not None and is_visible(node) else None


def label_like(node, pattern):
    regex = re.compile(pattern)
    return find(node, lambda n: n.roleName == "label" and regex.search(n.name or ""))


def inspection_shown(app, title):
    """The open inspection's title, as the window shows it (only while it is open).
    Looking at the window's name keeps clear of the inspection's large tree."""
    window = main_window(app)
    return window if window is not None and window.name == f"{title} – Scrutineer" else None


def tab_to(window, predicate, presses=20):
    """Presses Tab until the focus is on what PREDICATE picks."""
    for _ in range(presses):
        press("Tab")
        time.sleep(0.2)
        node = find(window, lambda n: predicate(n) and is_focused(n))
        if node is not None:
            return node
    raise TestFailure("Tab never reached the control looked for")


def files_digest(directory):
    digest = {}
    for name in sorted(os.listdir(directory)):
        with open(os.path.join(directory, name), "rb") as f:
            digest[name] = hashlib.sha256(f.read()).hexdigest()
    return digest


class Session(scgui.Session):
    """The store, the application processes this test started, the CLI, and the
    screenshots."""

    def __init__(self, app_path, flow, tmp):
        super().__init__(app_path, f"store-{flow}", tmp)
        self.flow = flow

    def appearance_env(self, width, height, scheme):
        """A settings file for a launch in another size or style."""
        return settings_env(self.tmp, width, height, scheme)

    def launch(self, args=(), env=None):
        app = self.start(args, env or self.env())
        wait_for("the main window", lambda: main_window(app))
        return app

    def close_window(self, app):
        close_button(main_window(app)).doActionNamed("click")
        self.wait_exit()

    def check_store(self):
        result = self.run_cli("--passphrase-file", self.passphrase_file, "check", "--json")
        check(result.returncode == 0, f"scrutineer-cli check opens the store: {result.stderr}")
        report = json.loads(result.stdout)
        check(report["ok"] is True, "the store is intact and encrypted")
        return report


def unlock(app, passphrase):
    """Types the passphrase where the unlock page put the focus, and presses Enter."""
    unlock_page = wait_for("the unlock page", lambda: page(app, "Unlock"))
    entry = find(unlock_page, lambda n: n.roleName == "text" and n.name == "Passphrase")
    check(entry is not None, "a passphrase entry")
    type_into(entry, passphrase)
    press("Return")
    return unlock_page


# The flows

def new_inspection(session, app):
    """The empty state's button opens the dialog; a broken framework file is
    explained; the inspection is created with a team and opened."""
    button(app, "Create Inspection").doActionNamed("click")
    # GTK 4.8 reports some dialogs as "filler": look among the windows by name.
    dialog = wait_for("the new inspection dialog",
                      lambda: [w for w in app.children if w.name == "New Inspection"][0])
    create = button(dialog, "Create")
    check(create is not None and not is_sensitive(create), "Create waits for a title")

    broken = os.path.join(session.tmp, "broken.xml")
    with open(broken, "w") as f:
        f.write(BROKEN_FRAMEWORK)
    find(dialog, lambda n: n.roleName == "list item" and n.name == "Import from File…").click()
    wait_for("the file chooser", lambda: [w for w in app.children if w.name == "Import Framework"])
    time.sleep(1)
    rawinput.typeText(broken)  # a "/" opens the chooser's location entry
    press("Return")
    error = wait_for("the loader's errors",
                     lambda: find(app, lambda n: n.roleName == "dialog"
                                  and n.name == "Could Not Open Framework"))
    check(label_like(error, r"^broken\.xml:17: .*no-such-scale"), "the problem and its line")
    session.screenshot("broken-framework")
    button(error, "Close").doActionNamed("click")
    wait_for("the error to close",
             lambda: not find(app, lambda n: n.name == "Could Not Open Framework"))

    type_into(find(dialog, lambda n: n.roleName == "text" and n.name == "Title"),
              INSPECTION_TITLE)
    type_into(find(dialog, lambda n: n.roleName == "text" and n.name == "Area or partnership"),
              "Testshire")
    # The rest by keyboard: the lower rows are scrolled out of reach of a click.
    status = tab_to(dialog, lambda n: n.roleName == "combo box" and n.name == "Status")
    press("Return")
    wait_for("the list of statuses",  # it joins the tree when its popover opens
             lambda: find(status, lambda n: n.roleName == "list item" and find(
                 n, lambda m: m.roleName == "label" and m.name == "Planned")))
    time.sleep(0.5)
    press("Up")
    press("Return")
    wait_for("the status “Planned”",
             lambda: find(status, lambda n: n.roleName == "label" and n.name == "Planned"))
    tab_to(dialog, lambda n: n.roleName == "combo box" and n.name == "Test Inspector")
    press("Tab")  # to the entry that adds a member
    rawinput.typeText("Sam Reader")
    press("Return")
    wait_for("the new team member",
             lambda: find(dialog, lambda n: n.roleName == "combo box" and n.name == "Sam Reader"))
    wait_for("Create to be ready", lambda: is_sensitive(create))
    session.screenshot("new-inspection")
    create.doActionNamed("click")
    wait_for("the new inspection", lambda: inspection_shown(app, INSPECTION_TITLE))
    check(not [w for w in app.children if w.name == "New Inspection"], "the dialog closed")
    session.screenshot("inspection")


def first_run(session, app_path):
    """No store yet: create one, keep the recovery code, and find the store sound."""
    app = session.launch()
    create = wait_for("the first-run page", lambda: page(app, "Create a Store"))
    name = find(create, lambda n: n.roleName == "text" and n.name == "Your name")
    check(name is not None, "an entry for the owner's name")
    type_into(name, "Test Inspector")
    session.screenshot("welcome")
    press("Return")  # Enter goes on to the passphrase

    wait_for("the passphrase step",
             lambda: label_like(create, r"^Choose a Passphrase$"))
    passphrase = find(create, lambda n: n.roleName == "text" and n.name == "Passphrase")
    repeat = find(create, lambda n: n.roleName == "text" and n.name == "Repeat passphrase")
    check(passphrase is not None and repeat is not None, "two passphrase entries")
    create_button = button(create, "Create Store")
    check(create_button is not None and not is_sensitive(create_button),
          "Create Store waits for a passphrase")

    type_into(passphrase, "short")
    wait_for("the passphrase rules' verdict", lambda: label_like(create, r"too short"))
    session.screenshot("weak-passphrase")

    type_into(passphrase, PASSPHRASE)
    wait_for("a strong passphrase", lambda: label_like(create, r"^Strong passphrase"))
    press("Return")  # on to the second entry
    rawinput.typeText(PASSPHRASE[:-3])
    time.sleep(0.5)
    check(not is_sensitive(create_button), "Create Store waits for the passphrases to match")
    rawinput.typeText(PASSPHRASE[-3:])
    wait_for("Create Store to be ready", lambda: is_sensitive(create_button))
    session.screenshot("passphrase-ready")
    press("Return")  # Enter in the second entry creates the store

    code_label = wait_for("the recovery code",
                          lambda: label_like(create, RECOVERY_CODE.pattern), timeout=60)
    code = code_label.name
    check(label_like(create, r"only way back into your store"), "the instruction to keep it")
    continue_button = button(create, "Continue")
    check(continue_button is not None and not is_sensitive(continue_button),
          "Continue waits for the confirmation")
    check(button(create, "Copy") is not None, "a copy button")
    check(button(create, "Save to File…") is not None, "a save button")
    session.screenshot("recovery-code")

    kept = find(create, lambda n: n.roleName == "check box")
    kept.click()
    wait_for("Continue to be enabled", lambda: is_sensitive(continue_button))
    continue_button.doActionNamed("click")
    wait_for("the inspections page", lambda: page(app, "Inspections"))
    check(label_like(app, r"^No Inspections Yet$"), "the empty state")
    check(button(app, "Create Inspection") and button(app, "Open Demo"),
          "hints to create an inspection or open the demo")
    check(not label_like(app, RECOVERY_CODE.pattern), "the recovery code is gone from the window")
    session.screenshot("no-inspections")

    new_inspection(session, app)
    session.close_window(app)

    report = session.check_store()
    check(report["counts"].get("member") == 2, "the store has its owner and the member added")
    check(report["counts"].get("team_member") == 2, "both are in the inspection's team")
    result = session.run_cli("--passphrase-file", session.passphrase_file, "inspections", "--json")
    inspections = json.loads(result.stdout)
    check([(i["title"], i["status"]) for i in inspections] == [(INSPECTION_TITLE, "planned")],
          "the inspection is in the store, planned")
    with open(os.path.join(session.store, "store.db"), "rb") as f:
        check(not f.read(16).startswith(b"SQLite format 3"), "the database file is encrypted")

    # The code shown is the real one: it opens (a copy of) the store.
    copy = os.path.join(session.tmp, "copy")
    shutil.copytree(session.store, copy)
    code_file = os.path.join(session.tmp, "code")
    new_file = os.path.join(session.tmp, "new-passphrase")
    with open(code_file, "w") as f:
        f.write(code + "\n")
    with open(new_file, "w") as f:
        f.write("another long passphrase\n")
    result = session.run_cli("passwd", "--recovery-code-file", code_file,
                             "--new-passphrase-file", new_file, store=copy)
    check(result.returncode == 0, f"the recovery code opens the store: {result.stderr}")


def unlock_flow(session, app_path):
    """A store open elsewhere and a wrong passphrase are each explained, and
    change nothing; the right passphrase opens; Ctrl+L locks."""
    session.make_store()
    before = files_digest(session.store)

    app = session.launch()

    # Another program has the store: the right passphrase is not enough, and
    # the page says why.
    with open(os.path.join(session.store, "store.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        unlock_page = unlock(app, PASSPHRASE)
        wait_for("the already-open message",
                 lambda: label_like(unlock_page, r"already open in another Scrutineer program"),
                 timeout=30)
        session.screenshot("already-open")
        fcntl.flock(lock, fcntl.LOCK_UN)
    check(page(app, "Unlock") is not None, "still on the unlock page")

    unlock_page = unlock(app, WRONG_PASSPHRASE)
    wait_for("the wrong-passphrase message",
             lambda: label_like(unlock_page, r"^Wrong passphrase\."), timeout=30)
    check(page(app, "Unlock") is not None, "still on the unlock page")
    entry = find(unlock_page, lambda n: n.roleName == "text" and n.name == "Passphrase")
    check(entry is not None and is_sensitive(entry), "the entry is ready for another try")
    session.screenshot("wrong-passphrase")
    check(files_digest(session.store) == before, "the store's files are unchanged")

    unlock(app, PASSPHRASE)
    wait_for("the inspections page", lambda: page(app, "Inspections"), timeout=30)
    wait_for("the demo inspection in the list",
             lambda: find(app, lambda n: n.roleName == "label" and n.name == DEMO_TITLE))
    session.screenshot("unlocked")

    result = session.run_cli("--passphrase-file", session.passphrase_file, "check")
    check(result.returncode != 0 and "already open" in result.stderr,
          "the CLI cannot open the store while the app has it")

    rawinput.keyCombo("<Control>l")
    wait_for("the unlock page after Ctrl+L", lambda: page(app, "Unlock"))
    check(not find(app, lambda n: n.roleName == "label" and n.name == DEMO_TITLE),
          "nothing from the store is left in the window")
    session.screenshot("locked")
    session.check_store()  # the lock released the store
    session.close_window(app)

    # The same page, narrow and dark.
    app = session.launch(env=session.env(**session.appearance_env(400, 700, "dark")))
    unlock_page = unlock(app, WRONG_PASSPHRASE)
    wait_for("the wrong-passphrase message",
             lambda: label_like(unlock_page, r"^Wrong passphrase\."), timeout=30)
    session.screenshot("wrong-passphrase-narrow-dark")
    session.close_window(app)


def auto_lock(session, app_path):
    """Idle for the lock time: the store locks; unlocking returns to the same inspection."""
    session.make_store()
    app = session.launch(env=session.env(SCRUTINEER_LOCK_AFTER_SECONDS=str(LOCK_SECONDS)))
    unlock(app, PASSPHRASE)
    title = wait_for("the demo inspection in the list",
                     lambda: find(app, lambda n: n.roleName == "label" and n.name == DEMO_TITLE),
                     timeout=30)
    row = title
    while row is not None and row.roleName != "list item":
        row = row.parent
    check(row is not None, "the inspection's row")
    row.click()
    wait_for("the inspection", lambda: inspection_shown(app, DEMO_TITLE))
    opened = time.monotonic()
    session.screenshot("inspection")

    wait_for("the automatic lock", lambda: page(app, "Unlock"), timeout=LOCK_SECONDS + TIMEOUT)
    idle = time.monotonic() - opened
    check(idle >= LOCK_SECONDS - 1, f"locked after {idle:.1f} s without input")
    check(inspection_shown(app, DEMO_TITLE) is None, "the inspection is gone from the window")
    session.screenshot("auto-locked")
    session.check_store()  # the store was closed, so another program may open it

    unlock(app, PASSPHRASE)
    # At once: left idle, the store locks again after LOCK_SECONDS.
    wait_for("the same inspection again", lambda: inspection_shown(app, DEMO_TITLE), timeout=30)
    session.screenshot("back-in-inspection")
    session.close_window(app)


def demo(session, app_path):
    """--demo opens on the demo inspection, in a store removed on quitting."""
    tmpdir = os.path.join(session.tmp, "tmpdir")
    os.makedirs(tmpdir)
    env = session.env(TMPDIR=tmpdir)
    del env["SCRUTINEER_STORE"]  # the demo never touches the user's store

    # What demos killed outright left behind goes; a running demo's store stays.
    hour_ago = time.time() - 3600
    for name in ("scrutineer-demo-killed", "scrutineer-demo-running"):
        os.makedirs(os.path.join(tmpdir, name))
        open(os.path.join(tmpdir, name, "store.lock"), "w").close()
        os.utime(os.path.join(tmpdir, name), (hour_ago, hour_ago))
    running = open(os.path.join(tmpdir, "scrutineer-demo-running", "store.lock"))
    fcntl.flock(running, fcntl.LOCK_EX | fcntl.LOCK_NB)

    app = session.launch(["--demo"], env=env)
    wait_for("the demo inspection", lambda: inspection_shown(app, DEMO_TITLE), timeout=60)
    stores = glob.glob(os.path.join(tmpdir, "scrutineer-demo-*", "store.db"))
    check(len(stores) == 1, "the demo store is in a fresh temporary directory")
    check(sorted(os.listdir(tmpdir)) == sorted(
        ["scrutineer-demo-running", os.path.basename(os.path.dirname(stores[0]))]),
        "the store a killed demo left is removed, the running demo's is not")
    running.close()
    shutil.rmtree(os.path.join(tmpdir, "scrutineer-demo-running"))
    session.screenshot("demo")

    button(app, "All Inspections").doActionNamed("click")
    wait_for("the list of inspections",
             lambda: find(app, lambda n: n.roleName == "list" and n.name == "Inspections"))
    session.screenshot("demo-list")
    session.close_window(app)
    check(not os.listdir(tmpdir), "the demo store is removed on quitting")

    env.update(session.appearance_env(400, 720, "dark"))
    app = session.launch(["--demo"], env=env)
    wait_for("the demo inspection", lambda: inspection_shown(app, DEMO_TITLE), timeout=60)
    session.screenshot("demo-narrow-dark")
    rawinput.keyCombo("<Control>l")
    wait_for("the unlock page after Ctrl+L", lambda: page(app, "Unlock"))
    session.screenshot("demo-locked-narrow-dark")
    button(app, "Unlock the Demo").doActionNamed("click")
    wait_for("the demo inspection again", lambda: inspection_shown(app, DEMO_TITLE), timeout=30)
    session.close_window(app)
    check(not os.listdir(tmpdir), "the demo store is removed on quitting")


FLOWS = {
    "first-run": first_run,
    "unlock": unlock_flow,
    "auto-lock": auto_lock,
    "demo": demo,
}


def main():
    flow = os.environ.get("SC_STORE_FLOW", "")
    if len(sys.argv) != 2 or flow not in FLOWS:
        sys.exit(f"usage: SC_STORE_FLOW={'|'.join(FLOWS)} test-store-flows.py PATH-TO-scrutineer")
    with tempfile.TemporaryDirectory() as tmp:
        return run_flow(Session(sys.argv[1], flow, tmp), FLOWS[flow], sys.argv[1])


if __name__ == "__main__":
    scgui.main(main)
