#!/usr/bin/env python3
# pg-fixture.py: run a command beside a private PostgreSQL server
#
# Copyright 2026 The Scrutineer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   pg-fixture.py COMMAND [ARGS...]
#
# Makes a temporary directory, runs initdb and pg_ctl there (as the postgres
# user when run as root, as DESIGN.md's recipe says), with no TCP listener at
# all (listen_addresses=''): the server is reached through its Unix socket in
# that directory. COMMAND runs with SC_TEST_PG_HOST (the socket directory) and
# SC_TEST_PG_PORT set, and the server is stopped and the directory removed
# afterwards, whatever happens: failure, crash or SIGTERM from meson's
# timeout. Exits with COMMAND's status. Without PostgreSQL's server programs
# COMMAND runs alone, and the tests run their SQLite cases only.

import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

PG_BIN = os.environ.get("SC_PG_BIN", "/usr/lib/postgresql/15/bin")
PORT = "55432"


class Stop(Exception):
    pass


def on_signal(signum, frame):
    raise Stop()


def run(argv, prefix, cwd, log):
    subprocess.run(prefix + argv, cwd=cwd, check=True, stdout=log, stderr=subprocess.STDOUT,
                   timeout=120)


def main():
    if len(sys.argv) < 2:
        print("usage: pg-fixture.py COMMAND [ARGS...]", file=sys.stderr)
        return 2
    initdb = os.path.join(PG_BIN, "initdb")
    pg_ctl = os.path.join(PG_BIN, "pg_ctl")
    if not os.access(initdb, os.X_OK) or not os.access(pg_ctl, os.X_OK):
        # The SQLite half still runs; the tests skip what needs PostgreSQL.
        print(f"pg-fixture: no PostgreSQL server programs in {PG_BIN}; running without",
              file=sys.stderr)
        return subprocess.call(sys.argv[1:])

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    # /tmp, not $TMPDIR: a Unix socket path must stay under 108 bytes.
    top = tempfile.mkdtemp(prefix="sc-pg-", dir="/tmp")
    prefix = []
    if os.geteuid() == 0:
        postgres = pwd.getpwnam("postgres")
        os.chown(top, postgres.pw_uid, postgres.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(top, "data")
    log_path = os.path.join(tempfile.gettempdir(), f"sc-pg-fixture-{os.getpid()}.log")
    started = False
    child = None
    status = 1
    keep_log = False
    with open(log_path, "w") as log:
        try:
            run([initdb, "-D", data, "-A", "trust", "-U", "scrutineer", "-E", "UTF8",
                 "--no-instructions"], prefix, top, log)
            options = f"-k {top} -c listen_addresses='' -p {PORT} -c max_connections=200"
            run([pg_ctl, "-D", data, "-o", options, "-w", "-t", "60", "start"], prefix, top, log)
            started = True
            env = dict(os.environ, SC_TEST_PG_HOST=top, SC_TEST_PG_PORT=PORT)
            child = subprocess.Popen(sys.argv[1:], env=env)
            status = child.wait()
        except Stop:
            print("pg-fixture: stopped; shutting PostgreSQL down", file=sys.stderr)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            print(f"pg-fixture: {e}; see {log_path}", file=sys.stderr)
            keep_log = True
        finally:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if child is not None and child.poll() is None:
                child.kill()
                child.wait()
            if started:
                try:
                    run([pg_ctl, "-D", data, "-m", "fast", "-w", "-t", "60", "stop"], prefix,
                        top, log)
                except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                    run([pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"], prefix, top, log)
            shutil.rmtree(top, ignore_errors=True)
    if not keep_log:
        os.unlink(log_path)
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
