# scgui.py: what every GUI test needs to drive scrutineer through the
# accessibility tree: bounded waits, lookups, keys, and a session that owns the
# processes it started, their log and the screenshots
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The test scripts sit beside this file, so `import scgui` finds it. Every wait
# is bounded; a test fails on the first thing that is not as it should be, and
# only ever stops the processes it started.

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
# GTK says this when asked for screen positions on X11, which dogtail's click() does.
IGNORED_WARNING = "Screen coordinates not supported"
PASSPHRASE = "correct horse battery staple"
DEMO_TITLE = "Demo partnership: services for children and young people"


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


def is_sensitive(node):
    return has_state(node, pyatspi.STATE_SENSITIVE)


def is_focused(node):
    return has_state(node, pyatspi.STATE_FOCUSED)


def focused(node):
    return find(node, lambda n: is_focused(n))


def button(node, label):
    """GTK 4.8 names a button with a mnemonic "_Label Label": match its label. A menu
    button shows as a button holding its own button: take the one that clicks.
    Buttons that say they are visible come first (some dialogs' buttons never
    say so). The header bar's window controls are left to close_button()."""
    found = find_all(node, lambda n: n.roleName == "push button"
                     and n.description != "Close the window" and (
                         n.name == label
                         or find(n, lambda m: m.roleName == "label" and m.name == label)))
    found = [b for b in found if is_visible(b)] or found
    clickable = [b for b in found if "click" in b.actions]
    return (clickable or found or [None])[0]


def label(node, text):
    return find(node, lambda n: n.roleName == "label" and n.name == text and is_visible(n))


def label_starting(node, prefix):
    return find(node, lambda n: n.roleName == "label" and (n.name or "").startswith(prefix)
                and is_visible(n))


def frame(app, name):
    return find(app, lambda n: n.roleName == "frame" and n.name == name)


def main_window(app):
    """The main window, named after the inspection open in it, if any."""
    for window in app.children:
        if window.roleName == "frame" and window.name.endswith("Scrutineer"):
            return window
    return None


def press(key):
    rawinput.pressKey(key)
    time.sleep(0.15)


def combo(keys):
    rawinput.keyCombo(keys)
    time.sleep(0.3)


def type_into(node, text):
    """Focuses NODE by clicking it (GTK 4.8 offers no grabFocus over AT-SPI),
    selects what it holds and types TEXT over it."""
    node.click()
    time.sleep(0.3)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)


def save_as(app, path):
    """Types PATH into the save dialog's name field once it has the focus
    (GTK selects the suggested name there), and presses Enter."""
    wait_for("the save dialog's name field to have the focus",
             lambda: find(app, lambda n: n.roleName == "text" and n.name == "Name:"
                          and is_visible(n) and is_focused(n)))
    time.sleep(0.3)
    combo("<Control>a")
    rawinput.typeText(path)
    press("Return")


def close_button(window):
    """The close button in a window's header bar."""
    closers = [b for b in find_all(window, lambda n: n.roleName == "push button"
                                   and n.name == "Close")
               if b.description == "Close the window"]
    check(closers, f"the close button of “{window.name}”")
    return closers[0]


def settings_env(directory, width, height, scheme="default"):
    """The environment for a launch with a window of the given size and style,
    from a settings file of its own in a new directory below DIRECTORY."""
    config_home = tempfile.mkdtemp(dir=directory)
    os.makedirs(os.path.join(config_home, "glib-2.0", "settings"))
    with open(os.path.join(config_home, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/scrutineer/Scrutineer]\n"
                f"window-width={width}\nwindow-height={height}\ncolor-scheme='{scheme}'\n")
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config_home}


class Session:
    """The application processes a test started, its log, the screenshots,
    and (given a temporary directory) a store and its passphrase file.

    NAME prefixes the screenshots and the log, so that the flows of one suite
    keep theirs apart in the log directory."""

    def __init__(self, app_path, name, tmp=None):
        self.app_path = app_path
        self.name = name
        self.tmp = tmp
        self.cli = os.environ.get("SC_CLI") or os.path.join(
            os.path.dirname(app_path), "..", "cli", "scrutineer-cli")
        self.shots = os.environ.get("SC_SCREENSHOT_DIR", os.getcwd())
        os.makedirs(self.shots, exist_ok=True)
        self.step = 0
        self.process = None
        self.log_path = os.path.join(self.shots, f"scrutineer-{name}.log")
        self.log_file = open(self.log_path, "w")
        if tmp is not None:
            self.store = os.path.join(tmp, "store")
            self.passphrase_file = os.path.join(tmp, "passphrase")
            with open(self.passphrase_file, "w") as f:
                f.write(PASSPHRASE + "\n")

    def screenshot(self, name):
        self.step += 1
        path = os.path.join(self.shots, f"{self.name}-{self.step:02d}-{name}.png")
        time.sleep(0.5)  # the accessibility tree can be ahead of what is drawn
        subprocess.run(["import", "-window", "root", path], check=True, timeout=TIMEOUT)
        log(f"screenshot {path}")

    def env(self, **extra):
        env = dict(os.environ, SCRUTINEER_STORE=self.store)
        env.update(extra)
        return env

    def start(self, args=(), env=None):
        """Starts the app and waits until it shows on the accessibility bus."""
        self.process = subprocess.Popen([self.app_path, *args], env=env,
                                        stdout=self.log_file, stderr=subprocess.STDOUT)
        log(f"started scrutineer {' '.join(args)}, pid {self.process.pid}")
        return wait_for("the application on the accessibility bus",
                        lambda: root.application("scrutineer", retry=False))

    def wait_exit(self):
        try:
            self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise TestFailure("scrutineer did not quit after its window was closed")
        check(self.process.returncode == 0,
              f"scrutineer exited with status {self.process.returncode}")
        self.process = None

    def kill(self):
        """SIGKILL, as a crash or a flat battery would: nothing gets to save."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=TIMEOUT)
        log(f"killed scrutineer, pid {self.process.pid}")
        self.process = None

    def run_cli(self, *args, store=None):
        command = [self.cli, "--store", store or self.store, *args]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        log(f"scrutineer-cli {' '.join(command[1:])}: exit {result.returncode}")
        return result

    def path(self, name):
        """NAME in the test's temporary directory."""
        return os.path.join(self.tmp, name)

    def cli_on(self, store, *args):
        """The CLI on the store STORE (a name in the temporary directory),
        unlocked with the passphrase file."""
        return Session.run_cli(self, "--passphrase-file", self.passphrase_file, *args,
                               store=self.path(store))

    def ok(self, store, *args):
        """cli_on(), which must succeed."""
        result = self.cli_on(store, *args)
        check(result.returncode == 0, f"scrutineer-cli {args[0]} works: {result.stderr.strip()}")
        return result

    def make_store(self, records=6):
        """A store with the demo inspection, made by the CLI (cheap key derivation)."""
        for args in (["init", "--name", "Test Lead", "--role", "lead", "--kdf", "interactive"],
                     ["demo", "--records", str(records)]):
            result = Session.run_cli(self, "--passphrase-file", self.passphrase_file, *args)
            check(result.returncode == 0, f"scrutineer-cli {args[0]} works: {result.stderr}")

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


class StoreSession(Session):
    """A session on one store made by the CLI: every CLI call is unlocked with
    the passphrase file, and the app opens on it in a window of a chosen size
    and style."""

    def run_cli(self, *args):
        return super().run_cli("--passphrase-file", self.passphrase_file, *args)

    def launch(self, width=1100, height=760, scheme="default"):
        app = self.start(env=self.env(**settings_env(self.tmp, width, height, scheme)))
        wait_for("the main window", lambda: main_window(app))
        return app

    def close_window(self, app):
        """Closes the main window, which saves, closes the store and quits."""
        close_button(main_window(app)).doActionNamed("click")
        self.wait_exit()


def unlock(app, passphrase=PASSPHRASE):
    """Types the passphrase into the unlock page's entry and presses Enter."""
    entry = wait_for("the passphrase entry",
                     lambda: find(app, lambda n: n.roleName == "text"
                                  and n.name == "Passphrase" and is_visible(n)))
    entry.click()  # GTK 4.8 does not offer grabFocus over AT-SPI
    time.sleep(0.3)
    rawinput.typeText(passphrase)
    press("Return")


def open_inspection(session, app):
    """Unlocks on the unlock page, then opens the demo inspection."""
    unlock(app)
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


def tab(app, name):
    """Clicks the view switcher's tab NAME (an inspection's section)."""
    node = wait_for(f"the {name} tab",
                    lambda: find(app, lambda n: n.roleName == "page tab" and n.name == name))
    node.doActionNamed("click")
    time.sleep(0.5)


def run_flows(flows, variable, app_path, make_session):
    """Runs the flow named by the environment VARIABLE, or every one of FLOWS
    in turn, each with a session from MAKE_SESSION (app_path, flow, tmp)."""
    flow = os.environ.get(variable)
    if flow is not None and flow not in flows:
        sys.exit(f"{variable} is one of {', '.join(flows)}")
    passed = True
    for name in [flow] if flow else list(flows):
        with tempfile.TemporaryDirectory() as tmp:
            passed = run_flow(make_session(app_path, name, tmp), flows[name]) and passed
    return passed


def run_flow(session, flow, *args):
    """Runs FLOW (session, *ARGS); on failure takes a screenshot and says why.
    Returns whether it passed, with the app stopped and its log checked."""
    try:
        flow(session, *args)
    except Exception as e:  # a failed check, or the accessibility tree misbehaving
        try:
            session.screenshot("failure")
        except Exception:
            pass
        if not isinstance(e, TestFailure):
            traceback.print_exc()
        print(f"FAIL ({session.name}): {e}", file=sys.stderr)
        session.stop()
        return False
    session.stop()
    try:
        session.check_log()
    except TestFailure as e:
        print(f"FAIL ({session.name}): {e}", file=sys.stderr)
        return False
    return True


def main(passed):
    """Exits with the status meson expects from a test: PASSED is a callable
    that runs the test and says whether it passed."""
    try:
        ok = passed()
    except TestFailure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        ok = False
    if ok:
        print("PASS")
    sys.exit(0 if ok else 1)
