#!/usr/bin/python3
# test-field.py: the field application's records, focus groups and
# evaluations, driven through the accessibility tree
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   SC_FIELD_FLOW=csv-import|focus-group|evaluation|... test-field.py PATH-TO-scrutineer
# (every flow in turn without SC_FIELD_FLOW). The helpers (the store made with
# the CLI, launching, waiting, screenshots) are in scgui.py.
# Screenshots go to $SC_SCREENSHOT_DIR as field-FLOW-NN-NAME.png.

import json
import os
import sys
import time

import scgui
from scgui import (DEMO_TITLE, PASSPHRASE, button, check, combo, find, find_all, focused,
                   has_state, is_visible, label_starting, log, open_inspection, press, tab, wait_for)
import pyatspi  # noqa: E402 (scgui switches accessibility on first)
from dogtail import rawinput  # noqa: E402

NOTE = "Carers said the plan meetings listen to them and change things."
RENAMED = "Joint inspection of services for children, renamed"
NEW_PASSPHRASE = "a kettle, two owls and the lighthouse"
RATIONALE = "Chronologies were up to date in most records read; plans were reviewed on time."


class Session(scgui.StoreSession):
    def __init__(self, app_path, flow, tmp):
        super().__init__(app_path, f"field-{flow}", tmp)
        self.flow = flow


def relock(session, app):
    """Ctrl+L, then the passphrase again; back on the inspection, wherever the window goes."""
    combo("<Control>l")
    entry = wait_for("the unlock page after Ctrl+L",
                     lambda: find(app, lambda n: n.roleName == "text" and n.name == "Passphrase"
                                  and is_visible(n)))
    check(not find(app, lambda n: n.roleName == "label" and n.name == NOTE and is_visible(n)),
          "the note is gone from the window while locked")
    session.screenshot("locked")
    entry.click()
    time.sleep(0.3)
    rawinput.typeText(PASSPHRASE)
    press("Return")
    wait_for("the store open again",
             lambda: find(app, lambda n: (n.roleName == "page tab" and n.name == "Focus Groups")
                          or (n.roleName == "list item" and n.name == DEMO_TITLE)), timeout=40)
    item = find(app, lambda n: n.roleName == "list item" and n.name == DEMO_TITLE
                and is_visible(n))
    if item is not None:
        item.click()
        time.sleep(0.3)
        press("Return")


def clickable(app, *names):
    """Something named one of NAMES that can be clicked: a menu button shows as a
    button holding a toggle button, and only one of them offers "click"."""
    found = find_all(app, lambda n: n.name in names and is_visible(n) and "click" in n.actions)
    return found[-1] if found else None


def note_row(app, text):
    return find(app, lambda n: n.roleName == "list item" and (n.name or "").endswith(text)
                and is_visible(n))


# The flows

def focus_group(session):
    """The demo's focus groups and notes are there after unlock; a new group's note,
    tagged to an indicator, is there again after locking and unlocking."""
    session.make_store()
    app = session.launch()
    open_inspection(session, app)
    tab(app, "Focus Groups")
    groups = wait_for("the focus groups list",
                      lambda: find(app, lambda n: n.roleName == "list" and n.name == "Focus Groups"
                                   and is_visible(n)))
    demo = wait_for("the demo's social workers group",
                    lambda: find(groups, lambda n: n.roleName == "list item"
                                 and (n.name or "").startswith("social workers (8)")))
    check(len([n for n in find_all(groups, lambda n: n.roleName == "list item")]) == 3,
          "the demo's three focus groups are listed")
    demo.click()
    notes = wait_for("the demo group's notes",
                     lambda: find(app, lambda n: n.roleName == "list" and n.name == "Notes"
                                  and find(n, lambda m: m.roleName == "list item")))
    check(len(find_all(notes, lambda n: n.roleName == "list item")) >= 1,
          "the demo's notes are shown")
    session.screenshot("demo-notes")

    wait_for("the New Focus Group button",
             lambda: clickable(app, "New Focus Group")).doActionNamed("click")
    wait_for("the who-took-part entry",
             lambda: find(app, lambda n: n.roleName == "text"
                          and (n.name or "").startswith("Who took part") and is_visible(n)))
    rawinput.typeText("foster carers")
    session.screenshot("new-group")
    press("Return")
    wait_for("the new group shown",
             lambda: find(app, lambda n: n.roleName == "label" and n.name == "foster carers (6)"
                          and is_visible(n)))
    rawinput.typeText(NOTE)
    wait_for("the Tag indicators button",
             lambda: clickable(app, "Tag indicators", "Tag…")).doActionNamed("click")
    wait_for("indicator 5.2 in the tag list",
             lambda: find(app, lambda n: n.roleName == "check box"
                          and (n.name or "").startswith("5.2 ")))
    # GTK 4.8 offers no action on a check box: by keyboard, as a user would. The focus
    # is on the first row; Down moves from row to row, Right enters a row's check box.
    boxes = find_all(app, lambda n: n.roleName == "check box" and (n.name or "")[:1].isdigit())
    index = [b.name for b in boxes].index(
        next(b.name for b in boxes if b.name.startswith("5.2 ")))
    for _ in range(index):
        press("Down")
    press("Right")
    node = focused(app)
    tagged = node is not None and (node.name or "").startswith("5.2 ")
    if tagged:
        press("space")
    check(tagged, "indicator 5.2 is ticked by keyboard")
    time.sleep(0.3)
    session.screenshot("tagged")
    press("Escape")
    wait_for("the Add Note button", lambda: button(app, "Add Note")).doActionNamed("click")
    row = wait_for("the note in the stream", lambda: note_row(app, NOTE))
    tags = sorted(n.name for n in find_all(row, lambda n: n.roleName == "label"
                                            and (n.name or "")[:1].isdigit()
                                            and "." in n.name and len(n.name) <= 4))
    check(tags == ["5.2"], f"the note carries its 5.2 tag and no other: {tags}")
    session.screenshot("note-added")

    relock(session, app)
    tab(app, "Focus Groups")
    group = wait_for("the new group after unlocking",
                     lambda: find(app, lambda n: n.roleName == "list item"
                                  and (n.name or "").startswith("foster carers (6)")
                                  and is_visible(n)))
    group.click()
    row = wait_for("the note after unlocking", lambda: note_row(app, NOTE))
    check(find(row, lambda n: n.roleName == "label" and n.name == "5.2"),
          "the note still carries its 5.2 tag")
    session.screenshot("note-after-unlock")
    session.close_window(app)


def evaluation(session):
    """A proposed level and its rationale are there when the inspection is reopened."""
    session.make_store()
    app = session.launch()
    open_inspection(session, app)
    tab(app, "Evaluations")
    field = wait_for("the rationale for 1.1",
                     lambda: find(app, lambda n: n.roleName == "text"
                                  and (n.name or "").startswith("Rationale for 1.1")))
    picker = wait_for("the level picker for 1.1",
                      lambda: find(app, lambda n: (n.name or "").startswith(
                          "Proposed level for 1.1")))
    level = wait_for("level 5 in the picker",
                     lambda: find(picker, lambda n: n.roleName in ("push button", "toggle button")
                                  and n.name == "Very good"))
    level.doActionNamed("click")
    field.click()
    time.sleep(0.3)
    rawinput.typeText(RATIONALE)
    time.sleep(1.0)  # saved within 300 ms of the last change
    session.screenshot("proposed")

    button(app, "All Inspections").doActionNamed("click")
    item = wait_for("the demo inspection in the list",
                    lambda: find(app, lambda n: n.roleName == "list item"
                                 and n.name == DEMO_TITLE and is_visible(n)))
    item.click()
    time.sleep(0.3)
    press("Return")
    tab(app, "Evaluations")
    field = wait_for("the rationale, read back",
                     lambda: find(app, lambda n: n.roleName == "text"
                                  and (n.name or "").startswith("Rationale for 1.1")
                                  and n.text == RATIONALE))
    picker = find(app, lambda n: (n.name or "").startswith("Proposed level for 1.1"))
    level = find(picker, lambda n: n.roleName in ("push button", "toggle button")
                 and n.name == "Very good")
    check(level is not None and (has_state(level, pyatspi.STATE_PRESSED)
                                 or has_state(level, pyatspi.STATE_CHECKED)),
          "level 5 is shown as proposed again")
    session.screenshot("reopened")
    session.close_window(app)


def csv_import(session):
    """Records imported from a CSV file are in the store, as the CLI lists them."""
    session.make_store()
    csv = os.path.join(session.tmp, "records.csv")
    refs = ["C-1001", "C-1002", "C-1003"]
    with open(csv, "w") as f:
        f.write("ref,cohorts,age_band,legal_status\n")
        for ref in refs:
            f.write(f"{ref},tracked sampled,5-11,voluntary\n")
    app = session.launch()
    open_inspection(session, app)
    wait_for("the import button",
             lambda: button(app, "Import Records from CSV")).doActionNamed("click")
    time.sleep(3)  # the chooser is a window of its own, not in the tree in GTK 4.8
    combo("<Control>l")
    time.sleep(0.5)
    rawinput.typeText(csv)
    time.sleep(0.5)
    session.screenshot("chooser")
    press("Return")
    for ref in refs:
        wait_for(f"{ref} in the records list", lambda: label_starting(app, ref), timeout=30)
    session.screenshot("imported")
    session.close_window(app)

    result = session.run_cli("records", "list", "--json")
    check(result.returncode == 0, "scrutineer-cli records list works")
    records = {r["ref"]: r for r in json.loads(result.stdout)}
    for ref in refs:
        check(ref in records, f"{ref} is in the store")
        check(sorted(records[ref]["cohorts"]) == ["sampled", "tracked"],
              f"{ref} has its cohorts")


def recovery(session):
    """Forgot the passphrase: the recovery code opens the store, a new passphrase is
    chosen with the same feedback as at creation, and from then on it is the one."""
    result = session.run_cli("init", "--name", "Test Lead", "--role", "lead", "--kdf",
                             "interactive")
    check(result.returncode == 0, "scrutineer-cli init works")
    code = [line for line in result.stdout.splitlines()
            if line.startswith("recovery code: ")][-1].split(": ", 1)[1].strip()
    check(session.run_cli("demo", "--records", "6").returncode == 0, "the demo is made")
    app = session.launch()
    wait_for("the passphrase entry",
             lambda: find(app, lambda n: n.roleName == "text" and n.name == "Passphrase"
                          and is_visible(n)))
    wait_for("the Forgot Passphrase button",
             lambda: button(app, "Forgot Passphrase?")).doActionNamed("click")
    entry = wait_for("the recovery code entry",
                     lambda: find(app, lambda n: n.roleName == "text" and n.name == "Recovery code"
                                  and is_visible(n)))
    check(not find(app, lambda n: n.roleName == "text" and n.name == "Passphrase"
                   and is_visible(n)), "only the recovery step is shown")
    entry.click()
    time.sleep(0.3)
    rawinput.typeText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    press("Return")
    wait_for("the wrong-code message",
             lambda: label_starting(app, "That is not this store’s recovery code"), timeout=30)
    session.screenshot("wrong-code")

    combo("<Control>a")
    rawinput.typeText(code.lower())  # as someone might copy it out
    press("Return")
    new = wait_for("the new passphrase entry",
                   lambda: find(app, lambda n: n.roleName == "text" and n.name == "New passphrase"
                                and is_visible(n)), timeout=40)
    new.click()
    time.sleep(0.3)
    rawinput.typeText("short")
    wait_for("the strength feedback refusing it", lambda: label_starting(app, "Use at least")
             or find(app, lambda n: n.roleName == "label" and "characters" in (n.name or "")
                     and is_visible(n)))
    session.screenshot("weak")
    set_button = button(app, "Set Passphrase and Unlock")
    check(set_button is not None and not has_state(set_button, pyatspi.STATE_SENSITIVE),
          "a weak passphrase cannot be set")
    combo("<Control>a")
    rawinput.typeText(NEW_PASSPHRASE)
    press("Return")  # on to the repeat
    rawinput.typeText(NEW_PASSPHRASE)
    wait_for("the strong passphrase feedback",
             lambda: label_starting(app, "Strong passphrase."))
    session.screenshot("new-passphrase")
    press("Return")
    wait_for("the demo inspection, unlocked",
             lambda: find(app, lambda n: n.roleName == "list item" and n.name == DEMO_TITLE),
             timeout=60)
    session.screenshot("unlocked")
    session.close_window(app)

    check(session.run_cli("check").returncode != 0, "the forgotten passphrase opens nothing")
    with open(session.passphrase_file, "w") as f:
        f.write(NEW_PASSPHRASE + "\n")
    check(session.run_cli("check").returncode == 0, "the new passphrase opens the store")


def edit_inspection(session):
    """An inspection's title and dates change after it was made; a member with readings
    stays on the team, and the page says why."""
    session.make_store()
    app = session.launch()
    open_inspection(session, app)  # unlocks; then back to the list
    button(app, "All Inspections").doActionNamed("click")
    edit = wait_for("the edit button of the demo inspection",
                    lambda: clickable(app, f"Edit {DEMO_TITLE}"))
    edit.doActionNamed("click")
    title = wait_for("the title entry",
                     lambda: find(app, lambda n: n.roleName == "text" and n.name == "Title"
                                  and is_visible(n)))
    title.click()
    time.sleep(0.3)
    combo("<Control>a")
    rawinput.typeText(RENAMED)
    end = find(app, lambda n: n.roleName == "text" and n.name == "Ends (YYYY-MM-DD)")
    end.click()
    time.sleep(0.3)
    combo("<Control>a")
    rawinput.typeText("2026-01-01")  # before it starts: refused
    button(app, "Save").doActionNamed("click")
    wait_for("the dates refused", lambda: label_starting(app, "The inspection cannot end"))
    session.screenshot("refused")
    end.click()
    time.sleep(0.3)
    combo("<Control>a")
    rawinput.typeText("2099-12-31")

    removed, refused = [], []
    for _ in range(6):
        removers = find_all(app, lambda n: (n.name or "").startswith("Take ")
                            and (n.name or "").endswith(" off the team") and is_visible(n)
                            and "click" in n.actions)
        todo = [r for r in removers if r.name not in refused]
        if not todo:
            break
        name = todo[0].name
        todo[0].doActionNamed("click")
        time.sleep(1.0)
        if label_starting(app, name[len("Take "):-len(" off the team")] + " has "):
            refused.append(name)
        else:
            removed.append(name)
    log(f"removed {removed}, refused {refused}")
    check(refused, "a member with readings cannot be taken off the team")
    message = wait_for("the reason", lambda: find(app, lambda n: n.roleName == "label"
                                                 and "stay on the" in (n.name or "")))
    check("reading" in message.name, "the message says it is because of their readings")
    session.screenshot("team")
    for name in removed:
        check(not find(app, lambda n: n.name == name and is_visible(n)),
              f"{name[5:-13]} is off the team")

    button(app, "Save").doActionNamed("click")
    wait_for("the renamed inspection in the list",
             lambda: find(app, lambda n: n.roleName == "list item" and n.name == RENAMED))
    session.screenshot("renamed")
    session.close_window(app)


FLOWS = {"edit-inspection": edit_inspection, "csv-import": csv_import,
         "focus-group": focus_group, "evaluation": evaluation, "recovery": recovery}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-field.py PATH-TO-scrutineer")
    return scgui.run_flows(FLOWS, "SC_FIELD_FLOW", sys.argv[1], Session)


if __name__ == "__main__":
    scgui.main(main)
