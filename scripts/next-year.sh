#!/usr/bin/env bash
# The unit and integration tests once more with the process clock set to 2 January of next year,
# 10:00 China time: a year whose holiday schedule the package may not know yet, when the warnings
# and every "this year" / "this month" must still come out right. A test that only passes in the
# year it was written fails here first, months before it would on the real date.
# The clock comes from Debian's faketime (installed with apt-get where missing, as root on
# Debian/Ubuntu; elsewhere the command to run is printed).
set -euo pipefail
if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "faketime not found: installing it with apt-get" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends faketime >&2
  else
    echo "faketime not found. On Debian/Ubuntu: sudo apt-get install -y faketime" >&2
    exit 1
  fi
fi
next=$(($(date -u +%Y) + 1))
at="${next}-01-02 02:00:00" # UTC: 10:00 in China
echo "clock set to ${at} UTC" >&2
# The fake clock must reach the test workers too: faketime sets it through the environment.
faketime -f "@${at}" node -e "if (new Date().getUTCFullYear() !== ${next}) { console.error('the clock was not set'); process.exit(1); }"
exec faketime -f "@${at}" npx jest --ci --silent "$@"
