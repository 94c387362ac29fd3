#!/usr/bin/python3
# test-double.py: the Double Reading section, driven through the
# accessibility tree: the records read twice, a blind record, a discrepancy
# moderated with a rationale, the export warning, and a narrow dark window
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   test-double.py PATH-TO-scrutineer
# SC_CLI names scrutineer-cli. The store is made with the CLI: its owner is
# the lead, and the demo inspection (40 records, 8 read twice, some readings
# submitted by both readers, a few differences moderated). The helpers are in
# scgui.py. Screenshots go to $SC_SCREENSHOT_DIR as double-NN-NAME.png.

import json
import os
import re
import sys
import tempfile
import time

import scgui
from scgui import (button, check, combo, find, find_all, has_state, is_visible, log,
                   open_inspection, press, run_flow, save_as, tab, wait_for)
import pyatspi  # noqa: E402 (scgui switches accessibility on first)
from dogtail import rawinput  # noqa: E402

RATIONALE = "The record shows the assessment was started but never finished."
HIDDEN = "Hidden until both are submitted"


class Session(scgui.StoreSession):
    def json_of(self, *args):
        result = self.run_cli(*args, "--json")
        check(result.returncode == 0, f"scrutineer-cli {' '.join(args)} --json works")
        return json.loads(result.stdout)


def record_items(app):
    return [n for n in find_all(app, lambda n: n.roleName == "list item" and is_visible(n)
                                and re.match(r"^[A-Z]-\d{4}: ", n.name or ""))]


def visible_label(app, name):
    return find(app, lambda n: n.roleName == "label" and n.name == name and is_visible(n))


def back(app):
    wait_for("the back button",
             lambda: find(app, lambda n: n.roleName == "push button" and is_visible(n)
                          and n.name == "Back to the records read twice")).doActionNamed("click")
    wait_for("the list of records again", lambda: record_items(app))


def header_of(node):
    while node is not None and node.roleName != "list item":
        node = node.parent
    return node


def moderate_one(session, app):
    """Opens the first unmoderated discrepancy, picks the first value and types a
    rationale; Save stays off until both are given."""
    subtitles = find_all(app, lambda n: n.roleName == "label" and n.name == "Discrepant"
                         and is_visible(n))
    check(subtitles, "the record shows its discrepancies as the word “Discrepant”")
    header = header_of(subtitles[0])
    row = header.parent.parent.parent  # the expander row: header, list, row
    options = find_all(row, lambda n: n.roleName == "check box")
    check(options, "the discrepancy offers the question's values to pick from")
    save = find(row, lambda n: n.roleName == "push button"
                and "Save Agreed Value" in (n.name or ""))
    sensitive = lambda n: has_state(n, pyatspi.STATE_SENSITIVE)  # noqa: E731
    check(save is not None and not sensitive(save),
          "Save is off until a value and a rationale are given")
    values = [n.name for n in find_all(header, lambda n: n.roleName == "label"
                                       and "reading: " in (n.name or ""))]
    log(f"values: {values}")

    header.click()  # opens it
    time.sleep(0.6)
    option = header_of(options[0])
    option.click()  # the row's check box
    wait_for("the value picked", lambda: has_state(options[0], pyatspi.STATE_CHECKED))
    check(not sensitive(save), "a value alone is not enough: the rationale is required")
    entry = find(row, lambda n: n.roleName == "text" and n.name == "Why this value was agreed")
    entry.click()
    time.sleep(0.3)
    rawinput.typeText(RATIONALE)
    wait_for("Save to come on", lambda: sensitive(save))
    session.screenshot("moderating")
    save.doActionNamed("click")
    wait_for("the row to show the agreed value",
             lambda: find(app, lambda n: n.roleName == "label" and is_visible(n)
                          and (n.name or "").startswith("Discrepant · agreed: ")))
    return option.name


def flow(session):
    session.make_store(records=40)
    before = session.json_of("check")["counts"].get("moderation", 0)
    compared = session.json_of("compare")
    # Discrepancies with values to pick from (not dates or numbers, which are typed).
    open_discrepancies = {c["ref"] for c in compared["comparisons"]
                          if c["match"] == "discrepant" and not c["moderated"]
                          and re.fullmatch(r"[a-z][a-z-]*", c["primary"] or "")}
    check(open_discrepancies, f"the demo has unmoderated discrepancies: {open_discrepancies}")

    app = session.launch(width=1100, height=800, scheme="light")
    open_inspection(session, app)
    tab(app, "Double Reading")
    wait_for("the records read twice", lambda: len(record_items(app)) == 8)
    items = record_items(app)
    log("records: " + "; ".join(n.name for n in items))
    session.screenshot("overview")
    for figure in ("Exact agreement", "Cohen’s kappa", "Krippendorff’s alpha, ordinal"):
        check(visible_label(app, figure), f"the statistics show {figure}")
    check(find(app, lambda n: n.name == "First against second reading"),
          "the heatmap is there, named for assistive technologies")
    check(visible_label(app, "Test Lead"), "the lead's load is listed")

    # Blind: a record not yet submitted by both shows why, never a reading.
    hidden = [n for n in items if HIDDEN in n.name]
    check(hidden, "some records are hidden until both readings are submitted")
    hidden[0].click()
    wait_for("the blind status page",
             lambda: visible_label(app, "Hidden Until Both Readings Are Submitted"))
    reason = wait_for("the reason", lambda: find(
        app, lambda n: n.roleName == "label" and is_visible(n)
        and (n.name or "").startswith("Double reading is blind")))
    check("until both readings are submitted" in reason.name, "the reason is the store's own")
    check(not find(app, lambda n: (n.name or "").startswith("First reading: ") and is_visible(n)),
          "no answer of either reading is shown")
    session.screenshot("blind")
    back(app)

    # A discrepancy: shown, then moderated.
    target = next((n for n in record_items(app)
                   if n.name.split(":")[0] in open_discrepancies and " discrepant" in n.name
                   and HIDDEN not in n.name), None)
    check(target is not None, "a record with a discrepancy is listed with its count")
    ref = target.name.split(":")[0]
    target.click()
    wait_for(f"{ref}'s comparison", lambda: visible_label(app, ref))
    session.screenshot("comparison")
    picked = moderate_one(session, app)
    log(f"picked {picked}")
    session.screenshot("moderated")

    # The report warns first that the file leaves the encrypted store.
    combo("<Control><Shift>e")
    warning = wait_for("the export warning", lambda: find(
        app, lambda n: n.roleName == "label" and is_visible(n)
        and "outside the encrypted store" in (n.name or "")))
    check(warning is not None, "the export says plainly that the file leaves the store")
    session.screenshot("export-warning")
    press("Escape")
    wait_for("the warning to close", lambda: not find(
        app, lambda n: n.roleName == "label" and is_visible(n)
        and "outside the encrypted store" in (n.name or "")))

    # Then, once warned, the file chooser, and the PDF written off the main loop.
    pdf = os.path.join(session.tmp, "report.pdf")
    combo("<Control><Shift>e")
    wait_for("the export warning again", lambda: find(
        app, lambda n: n.roleName == "label" and is_visible(n)
        and "outside the encrypted store" in (n.name or "")))
    press("Return")  # Choose Where to Save…
    wait_for("the file chooser", lambda: button(app, "Export"))
    save_as(app, pdf)
    wait_for("the report saved", lambda: find(
        app, lambda n: n.roleName == "label" and (n.name or "").startswith("Report saved as")),
        timeout=60)
    with open(pdf, "rb") as f:
        check(f.read(5) == b"%PDF-", "the report is a PDF, written where asked")
    session.screenshot("report-saved")

    # The statistics as CSV, from the overview's button, after the same warning.
    back(app)
    csv = os.path.join(session.tmp, "agreement.csv")
    wait_for("the Export Statistics button",
             lambda: button(app, "Export Statistics…")).doActionNamed("click")
    wait_for("the export warning for the statistics", lambda: find(
        app, lambda n: n.roleName == "label" and is_visible(n)
        and "outside the encrypted store" in (n.name or "")))
    press("Return")  # Choose Where to Save…
    wait_for("the file chooser", lambda: button(app, "Export"))
    save_as(app, csv)
    wait_for("the statistics saved", lambda: find(
        app, lambda n: n.roleName == "label" and (n.name or "").startswith("Statistics saved as")),
        timeout=60)
    with open(csv) as f:
        lines = f.read().splitlines()
    check(any(line.startswith("scope,id,n_units,n_pairs,exact,within_one,kappa")
              for line in lines), "the CSV has the statistics' header")
    check(any(line.startswith("overall,") for line in lines),
          "the CSV has the overall agreement")
    check(any(line.startswith("question,") for line in lines),
          "the CSV has the agreement per question")
    session.screenshot("statistics-saved")
    session.close_window(app)

    after = session.json_of("check")["counts"].get("moderation", 0)
    check(after == before + 1, f"the store holds one more moderation ({before} → {after})")
    moderated = [c for c in session.json_of("compare")["comparisons"]
                 if c["ref"] == ref and c["moderated"]
                 and c["moderated"]["rationale"] == RATIONALE]
    check(len(moderated) == 1, f"{ref} has the agreed value with our rationale")
    check(moderated[0]["match"] == "discrepant", "it was the discrepancy that was moderated")

    # Narrow and dark: the list, a comparison and the charts still fit.
    app = session.launch(width=400, height=760, scheme="dark")
    open_inspection(session, app)
    tab(app, "Double Reading")
    wait_for("the records read twice", lambda: len(record_items(app)) == 8)
    session.screenshot("narrow-overview")
    item = next(n for n in record_items(app) if n.name.startswith(ref + ":"))
    item.click()
    wait_for(f"{ref}'s comparison", lambda: visible_label(app, ref))
    check(find(app, lambda n: n.roleName == "label" and is_visible(n)
               and (n.name or "").startswith("Discrepant · agreed: ")),
          "the agreed value is shown after a restart")
    session.screenshot("narrow-comparison")
    session.close_window(app)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-double.py PATH-TO-scrutineer")
    with tempfile.TemporaryDirectory() as tmp:
        return run_flow(Session(sys.argv[1], "double", tmp), flow)


if __name__ == "__main__":
    scgui.main(main)
