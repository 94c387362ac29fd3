#!/bin/sh
# Runs a GUI test script against the built application: inside a virtual X
# server and a private D-Bus session, with the accessibility bus running.
# Usage: run-gui-test.sh APP TEST.py
# Exit status 77 tells meson the test was skipped (a tool is missing).
set -u

app=$1
script=$2
python=${PYTHON:-/usr/bin/python3}

if [ -z "${SC_GUI_TEST_INNER:-}" ]; then
  for tool in xvfb-run dbus-run-session import "$python"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "skipped: $tool is not installed" >&2
      exit 77
    fi
  done
  if ! "$python" -c 'import dogtail' 2>/dev/null; then
    echo "skipped: dogtail is not installed for $python" >&2
    exit 77
  fi
  if [ ! -x /usr/libexec/at-spi-bus-launcher ]; then
    echo "skipped: at-spi2-core is not installed" >&2
    exit 77
  fi
  export SC_GUI_TEST_INNER=1
  exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$0" "$@"
fi

/usr/libexec/at-spi-bus-launcher --launch-immediately &
bus_launcher=$!

export GTK_A11Y=atspi
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
"$python" "$script" "$app"
status=$?

kill "$bus_launcher" 2>/dev/null
wait "$bus_launcher" 2>/dev/null
exit $status
