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
import sys
import time

import scgui
from scgui import (button, check, combo, find, focused, is_visible, label_starting, log,
                   open_inspection, press, wait_for)
from dogtail import rawinput  # noqa: E402 (scgui switches accessibility on first)

# The design allows 300 ms from the last keystroke to the disk; kill just after.
KILL_AFTER = 0.45
REASONS = "Reasons for the overall evaluation"


class Session(scgui.StoreSession):
    """The store, the application process this test started, and the screenshots."""

    def __init__(self, app_path, flow, tmp):
        super().__init__(app_path, f"reading-{flow}", tmp)
        self.flow = flow


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


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-reading.py PATH-TO-scrutineer")
    return scgui.run_flows(FLOWS, "SC_READING_FLOW", sys.argv[1], Session)


if __name__ == "__main__":
    scgui.main(main)
