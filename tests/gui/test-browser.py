#!/usr/bin/python3
# test-browser.py: the framework browser, driven through the accessibility tree
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by run-gui-test.sh inside Xvfb and a private D-Bus session:
#   test-browser.py PATH-TO-scrutineer
# Screenshots of every step go to $SC_SCREENSHOT_DIR (default: the current
# directory). Every wait is bounded; the test fails on the first thing that
# is not as it should be, and only ever stops the processes it started.

import os
import re
import subprocess
import sys
import tempfile
import time

import scgui
from scgui import (TIMEOUT, TestFailure, check, close_button, find, find_all, frame,
                   is_visible, run_flow, settings_env, wait_for)
from dogtail import rawinput  # noqa: E402 (scgui switches accessibility on first)

OFSTED_TITLE = ("Single inspection of services for children in need of help and protection, "
                "children looked after and care leavers (2013)")
LIMIT_RULE = ("If any of KJ1, KJ2, KJ3 is at or below Inadequate, "
              "Overall effectiveness is capped at Inadequate.")

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
# The line of each mistake above, as the loader must report it.
BROKEN_LINES = {17: "no-such-scale", 26: "I9"}


class Session(scgui.Session):
    """The application processes this test started, and its screenshots."""

    def launch(self, env):
        app = self.start(env=env)
        main = wait_for("the main window", lambda: frame(app, "Scrutineer"))
        # The browser is a window of its own, opened from the first-run page.
        browse = find(main, lambda n: n.roleName == "push button" and find(
            n, lambda m: m.roleName == "label" and m.name == "Browse Frameworks"))
        check(browse is not None, "a Browse Frameworks button")
        browse.doActionNamed("click")
        wait_for("the framework browser", lambda: frame(app, "Frameworks"))
        return app


def framework_item(app, publisher):
    frameworks = wait_for("the list of frameworks",
                          lambda: find(app, lambda n: n.roleName == "list"
                                       and n.name == "Frameworks"))
    for item in frameworks.children:
        if item.roleName == "list item" and find(item, lambda n: n.name == publisher):
            return item
    raise TestFailure(f"no framework from {publisher} in the sidebar")


def page_tab(app, name):
    tabs = find_all(app, lambda n: n.roleName == "page tab" and n.name == name)
    check(tabs, f"a “{name}” page switcher")
    return tabs[0]


def text_shown(app, text):
    return find(app, lambda n: n.roleName == "label" and n.name == text and is_visible(n))


def browse_ofsted(session, app):
    check(find(app, lambda n: n.name == "No Framework Selected"), "the empty state at start")
    session.screenshot("start")

    framework_item(app, "Ofsted").select()
    wait_for("the Ofsted framework's title", lambda: text_shown(app, OFSTED_TITLE))
    wait_for("“Overall effectiveness”", lambda: text_shown(app, "Overall effectiveness"))
    check(find(app, lambda n: n.name == "Overall judgement"), "the overall judgement badge")
    check(find(app, lambda n: n.name == "Key judgement"), "a key judgement badge")
    session.screenshot("ofsted-indicators")

    page_tab(app, "Scales").doActionNamed("click")
    wait_for("the scale level “Requires improvement to be good”",
             lambda: find(app, lambda n: n.roleName == "list item"
                          and n.name == "Requires improvement to be good"))
    session.screenshot("ofsted-scales")

    page_tab(app, "Rules").doActionNamed("click")
    wait_for("the limiting rule in plain language", lambda: text_shown(app, LIMIT_RULE))
    session.screenshot("ofsted-rules")

    page_tab(app, "Instruments").doActionNamed("click")
    wait_for("the case tracking form", lambda: text_shown(app, "Case tracking and sampling"))
    wait_for("a conditional question",
             lambda: find(app, lambda n: n.roleName == "list item" and n.name.startswith(
                 "After each missing episode")))
    check(find(app, lambda n: n.name == "Required"), "a required marker")
    session.screenshot("ofsted-instruments")


def search_questions(session, app):
    page_tab(app, "Instruments").doActionNamed("click")
    search = find(app, lambda n: n.name == "Search" and n.roleName.endswith("button"))
    check(search is not None, "a search button")
    search.doActionNamed("click")
    entry = wait_for("the search entry",
                     lambda: find(app, lambda n: n.roleName == "entry"
                                  and n.name == "Search indicators and questions"))
    entry.click()  # GTK 4.8 does not offer grabFocus over AT-SPI
    rawinput.typeText("return interview")

    def filtered():
        rows = find_all(app, lambda n: n.roleName == "list item"
                        and n.name.startswith("Has the child gone missing"))
        return not any(is_visible(r) for r in rows)

    wait_for("questions not matching the search to be hidden", filtered)
    check(any(is_visible(r) for r in find_all(
        app, lambda n: n.roleName == "list item" and n.name.startswith("After each missing"))),
        "the matching question stays")
    session.screenshot("search")
    search.doActionNamed("click")  # closing the search shows everything again
    wait_for("all questions back",
             lambda: any(is_visible(r) for r in find_all(
                 app, lambda n: n.roleName == "list item"
                 and n.name.startswith("Has the child gone missing"))))


def open_broken_file(session, app, tmp):
    broken = os.path.join(tmp, "broken.xml")
    with open(broken, "w") as f:
        f.write(BROKEN_FRAMEWORK)

    # A second start hands the file to the running instance and exits.
    second = subprocess.run([session.app_path, broken], timeout=TIMEOUT,
                            stdout=session.log_file, stderr=subprocess.STDOUT)
    check(second.returncode == 0, "a second start passes the file on and exits")

    wait_for("the error dialog",
             lambda: find(app, lambda n: n.name == "Could Not Open Framework"))
    for line, word in BROKEN_LINES.items():
        pattern = re.compile(rf"^broken\.xml:{line}: .*{re.escape(word)}")
        wait_for(f"the problem on line {line}",
                 lambda: find(app, lambda n: n.roleName == "label"
                              and pattern.search(n.name or "")))
    check(find(app, lambda n: n.roleName == "label" and "has 2 problems" in (n.name or "")),
          "the dialog counts the problems")
    session.screenshot("broken-file")

    dialog = find(app, lambda n: n.roleName == "dialog"
                  and n.name == "Could Not Open Framework")
    check(dialog is not None, "the error dialog is a dialog window")
    # GTK 4.8 names the button "_Close Close": find it by its label instead.
    close = find(dialog, lambda n: n.roleName == "push button"
                 and find(n, lambda m: m.roleName == "label" and m.name == "Close"))
    check(close is not None, "the dialog's Close button")
    close.doActionNamed("click")
    wait_for("the dialog to close",
             lambda: not any(w.roleName == "dialog" for w in app.children))
    check(text_shown(app, OFSTED_TITLE), "the framework shown before is still shown")
    session.screenshot("after-broken-file")


def close_window(session, app):
    """Closes the browser, then the main window, which quits."""
    close_button(frame(app, "Frameworks")).doActionNamed("click")
    wait_for("the browser to close", lambda: not frame(app, "Frameworks"))
    close_button(frame(app, "Scrutineer")).doActionNamed("click")
    session.wait_exit()


def narrow_window(session, tmp):
    """A narrow window folds the sidebar away and offers a back button."""
    app = session.launch(dict(os.environ, SCRUTINEER_STORE=os.path.join(tmp, "store"),
                              **settings_env(tmp, 400, 760)))
    back = wait_for("the back button", lambda: find(app, lambda n: n.name == "Back"))
    check(is_visible(back), "the back button shows in a narrow window")
    session.screenshot("narrow-list")

    item = framework_item(app, "Ofsted")
    item.click()
    wait_for("the Ofsted framework's title", lambda: text_shown(app, OFSTED_TITLE))
    session.screenshot("narrow-ofsted")

    back.doActionNamed("click")
    time.sleep(1)  # the leaflet animates back
    session.screenshot("narrow-back")
    close_window(session, app)


def browse(session, tmp):
    app = session.launch(dict(os.environ, SCRUTINEER_STORE=os.path.join(tmp, "store")))
    # Hidden widgets leave the accessibility tree, or lose "visible".
    back = find(app, lambda n: n.name == "Back")
    check(back is None or not is_visible(back), "no back button in a wide window")
    browse_ofsted(session, app)
    search_questions(session, app)
    open_broken_file(session, app, tmp)
    close_window(session, app)
    narrow_window(session, tmp)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: test-browser.py PATH-TO-scrutineer")
    with tempfile.TemporaryDirectory() as tmp:
        return run_flow(Session(sys.argv[1], "browser"), browse, tmp)


if __name__ == "__main__":
    scgui.main(main)
