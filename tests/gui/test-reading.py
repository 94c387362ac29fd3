#!/usr/bin/python3
# test-reading.py: record reading, a crash right after typing, and safety
# concerns, driven through the accessibility tree
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   SC_READING_FLOW=keyboard|kill|concern test-reading.py PATH-TO-scrutineer
# (all three in turn without SC_READING_FLOW). SC_CLI names scrutineer-cli
# (default: ../cli/scrutineer-cli beside the app). Each flow makes a store
# with the CLI (demo inspection, cheap key derivation), unlocks it on the
# unlock page and opens the inspection. Screenshots go to $SC_SCREENSHOT_DIR.
# Every wait is bounded; only the processes this test started are stopped.

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import traceback

from gi.repository import Gio

# dogtail refuses to start unless toolkit accessibility is switched on. With the
# memory settings backend this changes nothing outside this process.
Gio.Settings.new("org.gnome.desktop.interface").set_boolean("toolkit-accessibility", True)

from dogtail.config import config  # noqa: E402

config.searchShowingOnly = False  # GTK 4.8 does not report "showing"
config.logDebugToStdOut = False
config.logDebugToFile = False
config.actionDelay = 0.2
config.defaultDelay = 0.2
config.typingDelay = 0.02

import pyatspi  # noqa: E402
from dogtail import rawinput  # noqa: E402
from dogtail.tree import root  # noqa: E402

TIMEOUT = 20  # seconds, for any one thing to appear
IGNORED_WARNING = "Screen coordinates not supported"
PASSPHRASE = "correct horse battery staple"
DEMO_TITLE = "Demo partnership: services for children and young people"
# The design allows 300 ms from the last keystroke to the disk; kill just after.
KILL_AFTER = 0.45
REASONS = "Reasons for the overall evaluation"


class TestFailure(Exception):
    pass


def log(message):
    print(f"# {message}", flush=True)


def check(condition, message):
    if not condition:
        raise TestFailure(message)
    log(f"ok: {message}")


def wait_for(what, probe, timeout=TIMEOUT):
    """Calls PROBE until it returns something true, for at most TIMEOUT seconds."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = probe()
        except Exception:  # the tree changes under us while the app works
            result = None
        if result:
            log(f"found: {what}")
            return result
        if time.monotonic() > deadline:
            raise TestFailure(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.25)


def find_all(node, predicate):
    return node.findChildren(predicate, isLambda=True)


def find(node, predicate):
    return node.findChild(predicate, retry=False, requireResult=False)


def has_state(node, state):
    return node.getState().contains(state)


def is_visible(node):
    return has_state(node, pyatspi.STATE_VISIBLE)


def button(node, label):
    """GTK 4.8 names a button with a mnemonic "_Label Label": match its label. A menu
    button shows as a button holding its own button: take the one that clicks."""
    found = find_all(node, lambda n: n.roleName == "push button" and is_visible(n) and (
        n.name == label or find(n, lambda m: m.roleName == "label" and m.name == label)))
    clickable = [b for b in found if "click" in b.actions]
    return (clickable or found or [None])[-1]


def label_starting(node, prefix):
    return find(node, lambda n: n.roleName == "label" and (n.name or "").startswith(prefix)
                and is_visible(n))


def focused(app):
    return find(app, lambda n: has_state(n, pyatspi.STATE_FOCUSED))


def press(key):
    rawinput.pressKey(key)
    time.sleep(0.15)


def combo(keys):
    rawinput.keyCombo(keys)
    time.sleep(0.3)


class Session:
    """The store, the application process this test started, and the screenshots."""

    def __init__(self, app_path, flow, tmp):
        self.app_path = app_path
        self.flow = flow
        self.tmp = tmp
        self.cli = os.environ.get("SC_CLI") or os.path.join(
            os.path.dirname(app_path), "..", "cli", "scrutineer-cli")
        self.shots = os.environ.get("SC_SCREENSHOT_DIR", os.getcwd())
        os.makedirs(self.shots, exist_ok=True)
        self.step = 0
        self.process = None
        self.log_path = os.path.join(self.shots, f"scrutineer-reading-{flow}.log")
        self.log_file = open(self.log_path, "w")
        self.store = os.path.join(tmp, "store")
        self.passphrase_file = os.path.join(tmp, "passphrase")
        with open(self.passphrase_file, "w") as f:
            f.write(PASSPHRASE + "\n")

    def screenshot(self, name):
        self.step += 1
        path = os.path.join(self.shots, f"reading-{self.flow}-{self.step:02d}-{name}.png")
        subprocess.run(["import", "-window", "root", path], check=True, timeout=TIMEOUT)
        log(f"screenshot {path}")

    def run_cli(self, *args):
        command = [self.cli, "--store", self.store, "--passphrase-file", self.passphrase_file,
                   *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        log(f"scrutineer-cli {' '.join(args)}: exit {result.returncode}")
        return result

    def make_store(self):
        for args in (["init", "--name", "Test Lead", "--role", "lead", "--kdf", "interactive"],
                     ["demo", "--records", "6"]):
            result = self.run_cli(*args)
            check(result.returncode == 0, f"scrutineer-cli {args[0]} works: {result.stderr}")

    def launch(self, width=1100, height=760, scheme="default"):
        """Starts the app on the store, in a window of the given size and style."""
        config_home = tempfile.mkdtemp(dir=self.tmp)
        os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
        with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("[io/github/scrutineer/Scrutineer]\n"
                    f"window-width={width}\nwindow-height={height}\ncolor-scheme='{scheme}'\n")
        env = dict(os.environ, SCRUTINEER_STORE=self.store, GSETTINGS_BACKEND="keyfile",
                   XDG_CONFIG_HOME=config_home)
        self.process = subprocess.Popen([self.app_path], env=env, stdout=self.log_file,
                                        stderr=subprocess.STDOUT)
        log(f"started scrutineer, pid {self.process.pid}")
        app = wait_for("the application on the accessibility bus",
                       lambda: root.application("scrutineer", retry=False))
        wait_for("the main window",
                 lambda: find(app, lambda n: n.roleName == "frame" and n.name == "Scrutineer"))
        return app

    def kill(self):
        """SIGKILL, as a crash or a flat battery would: nothing gets to save."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=TIMEOUT)
        log(f"killed scrutineer, pid {self.process.pid}")
        self.process = None

    def close_window(self, app):
        closers = [b for b in find_all(app, lambda n: n.roleName == "push button"
                                       and n.name == "Close")
                   if b.description == "Close the window"]
        check(closers, "the window's close button")
        closers[0].doActionNamed("click")
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise TestFailure("scrutineer did not quit after its window was closed")
        check(self.process.returncode == 0,
              f"scrutineer exited with status {self.process.returncode}")
        self.process = None

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
        self.process = None
        self.log_file.close()

    def check_log(self):
        with open(self.log_path) as f:
            problems = [line for line in f
                        if ("-CRITICAL **" in line or "-WARNING **" in line)
                        and IGNORED_WARNING not in line]
        check(not problems, "no GLib criticals or warnings from scrutineer"
              + ("" if not problems else ":\n" + "".join(problems)))


def open_inspection(session, app):
    """Unlocks on the unlock page, then opens the demo inspection."""
    entry = wait_for("the passphrase entry",
                     lambda: find(app, lambda n: n.roleName == "text"
                                  and n.name == "Passphrase" and is_visible(n)))
    entry.click()  # GTK 4.8 does not offer grabFocus over AT-SPI
    time.sleep(0.3)
    rawinput.typeText(PASSPHRASE)
    press("Return")
    item = wait_for("the demo inspection in the list",
                    lambda: find(app, lambda n: n.roleName == "list item"
                                 and n.name == DEMO_TITLE), timeout=40)
    item.click()
    time.sleep(0.3)
    press("Return")
    wait_for("the records list",
             lambda: find(app, lambda n: n.roleName == "list" and n.name == "Records"
                          and is_visible(n)))
    wait_for("the demo's records", lambda: label_starting(app, "R-0001"))


def add_record(app, ref):
    """Adds a record through the Add a Record popover; the form then offers to start."""
    add = wait_for("the Add a Record button", lambda: button(app, "Add a Record"))
    add.doActionNamed("click")
    wait_for("the reference entry",
             lambda: find(app, lambda n: n.roleName == "text"
                          and n.name == "Reference (never a name)" and is_visible(n)))
    rawinput.typeText(ref)
    press("Return")
    wait_for(f"{ref} in the list", lambda: find(app, lambda n: n.roleName == "label"
                                                and n.name == ref and is_visible(n)))
    wait_for("Start Reading", lambda: button(app, "Start Reading"))


def start_reading(app):
    """Enter on the focused Start Reading button; the focus moves to the first question."""
    start = wait_for("the focus on Start Reading",
                     lambda: (lambda f: f if f is not None and f.roleName == "push button"
                              and "Start Reading" in (f.name or "") else None)(focused(app)))
    check(start is not None, "Start Reading has the keyboard focus")
    press("Return")
    wait_for("the reading form", lambda: label_starting(app, "0 of "), timeout=30)


def missing_banner(app):
    return label_starting(app, "Not submitted:")


def answer_focused(app, text):
    """Answers the focused question by keyboard: text in a text view, else a level
    or choice key (N for yes/no questions, so their follow-ups stay hidden)."""
    node = focused(app)
    check(node is not None, "a question has the keyboard focus")
    if node.roleName == "text":
        rawinput.typeText(text)
    else:
        for key in ("n", "1", "4"):
            press(key)


# The flows

def keyboard(session):
    """Fill a whole reading by keyboard: Ctrl+Enter lists what is missing and puts the
    focus on it, a key answers it, until the reading is submitted."""
    session.make_store()
    app = session.launch()
    open_inspection(session, app)
    add_record(app, "T-0001")
    start_reading(app)
    press("2")  # the first question: its second choice
    session.screenshot("first-answer")

    combo("<Control>Return")
    wait_for("the list of missing answers", lambda: missing_banner(app))
    session.screenshot("missing")
    check(button(app, "Submit") is not None, "a Submit button")
    for _ in range(30):
        if button(app, "Submit") is None:  # hidden widgets leave the tree
            break
        answer_focused(app, "The plan was reviewed on time and the child was seen alone.")
        time.sleep(0.4)
        combo("<Control>Return")
        time.sleep(0.8)
    wait_for("the Submit button to go", lambda: button(app, "Submit") is None)
    banner = wait_for("the submitted banner",
                      lambda: find(app, lambda n: n.roleName == "label"
                                   and (n.name or "").startswith("Submitted ")
                                   and "Reopen it to change" in n.name))
    check(banner is not None, "the banner says the reading is submitted, and how to change it")
    progress = label_starting(app, "12 of 12 required") or label_starting(app, "of ")
    log(f"progress: {progress.name if progress else None}")
    session.screenshot("submitted")
    session.close_window(app)

    result = session.run_cli("reading", "submit", "T-0001")
    check(result.returncode != 0 and "has been submitted" in result.stderr,
          "the store has the reading submitted: " + result.stderr.strip())


def kill(session):
    """Type an answer, SIGKILL the app just after, and find the answer in the store."""
    session.make_store()
    app = session.launch()
    open_inspection(session, app)
    add_record(app, "T-0002")
    start_reading(app)
    press("3")  # the first question, age band: its third choice

    reasons = None
    for _ in range(60):  # Alt+Down moves from question to question
        combo("<Alt>Down")
        node = focused(app)
        if node is not None and node.roleName == "text" and node.name == REASONS:
            reasons = node
            break
    check(reasons is not None, "Alt+Down reaches the reasons")
    rawinput.typeText("Chronology missing; the plan has no dates")
    time.sleep(KILL_AFTER)
    session.kill()

    result = session.run_cli("reading", "submit", "T-0002")
    log(result.stderr.strip())
    check(result.returncode == 1 and "required answer" in result.stderr,
          "the store has the reading, still incomplete")
    check("overall-reasons:" not in result.stderr,
          "the reasons typed just before the kill are in the store")
    check("child-age-band:" not in result.stderr, "the age band picked by key is in the store")
    check("child-legal-status:" in result.stderr, "what was not answered is still missing")
    check(session.run_cli("check").returncode == 0, "the store is intact after the kill")


def concern(session):
    """Raise a concern from a reading in two clicks, pass it on and close it."""
    session.make_store()
    app = session.launch(width=1000, height=760, scheme="dark")
    open_inspection(session, app)
    add_record(app, "T-0003")
    start_reading(app)

    raise_button = wait_for("the concern button",
                            lambda: button(app, "Raise a Safety Concern"))
    raise_button.doActionNamed("click")  # first click
    wait_for("the concern's summary, begun",
             lambda: find(app, lambda n: n.roleName == "text" and n.name == "What the concern is"
                          and is_visible(n)))
    rawinput.typeText("the child said they are scared to go home.")
    session.screenshot("raise")
    wait_for("the Raise Concern button", lambda: button(app, "Raise Concern")).doActionNamed(
        "click")  # second click
    wait_for("the popover to close", lambda: button(app, "Raise Concern") is None)

    tab = find(app, lambda n: n.roleName == "page tab" and n.name == "Concerns")
    tab.doActionNamed("click")
    row = wait_for("the new concern",
                   lambda: find(app, lambda n: n.roleName == "list item"
                                and (n.name or "").startswith("From the reading of T-0003")
                                and is_visible(n)))
    row.click()  # expands it
    expander = row.parent.parent.parent
    to = wait_for("the passed-on entry",
                  lambda: find(expander, lambda n: n.roleName == "text"
                               and n.name == "Passed on to (a role, not a name)"))
    to.click()
    time.sleep(0.3)
    rawinput.typeText("partnership's named contact")
    session.screenshot("pass-on")
    button(expander, "Record Passing On").doActionNamed("click")

    row = wait_for("the concern, passed on",
                   lambda: find(app, lambda n: n.roleName == "list item"
                                and (n.name or "").startswith("From the reading of T-0003")
                                and n.parent.parent.parent.description == "Passed on"))
    row.click()
    expander = row.parent.parent.parent
    outcome = wait_for("the outcome entry",
                       lambda: find(expander, lambda n: n.roleName == "text"
                                    and n.name == "What happened next"))
    outcome.click()
    time.sleep(0.3)
    rawinput.typeText("Social work visited the same day; a plan is in place.")
    button(expander, "Close Concern").doActionNamed("click")
    closed = wait_for("the Closed group", lambda: find(app, lambda n: n.roleName == "list"
                                                        and n.name == "Closed"
                                                        and is_visible(n)))
    check(find(closed, lambda n: (n.name or "").startswith("From the reading of T-0003")),
          "the concern is listed as closed, not dropped")
    session.screenshot("closed")
    session.close_window(app)

    report = json.loads(session.run_cli("check", "--json").stdout)
    check(report["counts"].get("concern") == 2, "the store holds the demo's concern and ours")


FLOWS = {"keyboard": keyboard, "kill": kill, "concern": concern}


def run(app_path, flow):
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(app_path, flow, tmp)
        try:
            FLOWS[flow](session)
        except Exception as e:  # a failed check, or the accessibility tree misbehaving
            try:
                session.screenshot("failure")
            except Exception:
                pass
            if not isinstance(e, TestFailure):
                traceback.print_exc()
            print(f"FAIL ({flow}): {e}", file=sys.stderr)
            session.stop()
            return False
        session.stop()
        session.check_log()
        return True


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-reading.py PATH-TO-scrutineer")
    flow = os.environ.get("SC_READING_FLOW")
    flows = [flow] if flow else list(FLOWS)
    failed = [f for f in flows if not run(sys.argv[1], f)]
    if failed:
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except TestFailure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
