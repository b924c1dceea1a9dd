#!/usr/bin/env bash
# Finds a Chromium for the end-to-end tests and prints its path (the last line of output).
#   CHROME_PATH, else chromium / chromium-browser / google-chrome on PATH, else /usr/bin/chromium.
# Where none is found on Debian/Ubuntu as root it installs chromium with CJK and emoji fonts, so
# that screenshots show Chinese text and the category icons; elsewhere it fails with the command
# to run. With a browser present it still adds the fonts when they are missing (same conditions).
set -euo pipefail

FONTS="fonts-noto-cjk fonts-noto-color-emoji"

can_apt() {
  [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1 && [ -r /etc/os-release ] &&
    grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release
}

find_browser() {
  if [ -n "${CHROME_PATH:-}" ]; then
    [ -x "$CHROME_PATH" ] && { echo "$CHROME_PATH"; return 0; }
    echo "CHROME_PATH=$CHROME_PATH is not an executable file" >&2
    return 1
  fi
  local c
  for c in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
  done
  [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; return 0; }
  return 1
}

missing_fonts() {
  command -v fc-list >/dev/null 2>&1 || { echo "$FONTS"; return; }
  local want=""
  [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ] || want="fonts-noto-cjk"
  fc-list 2>/dev/null | grep -qi 'emoji' || want="$want fonts-noto-color-emoji"
  echo "$want"
}

if ! browser="$(find_browser)"; then
  if [ -n "${CHROME_PATH:-}" ]; then exit 1; fi
  if can_apt; then
    echo "No browser found: installing chromium and fonts with apt-get" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium $FONTS >&2
    browser="$(find_browser)" || { echo "chromium was installed but cannot be found" >&2; exit 1; }
  else
    echo "No Chromium found. Install one, or point CHROME_PATH at it. On Debian/Ubuntu:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji" >&2
    exit 1
  fi
fi

fonts="$(missing_fonts | xargs)"
if [ -n "$fonts" ]; then
  if can_apt; then
    echo "Installing missing fonts for screenshots: $fonts" >&2
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $fonts >&2 ||
      echo "warning: could not install $fonts; screenshots may show boxes for Chinese or emoji" >&2
  else
    echo "warning: fonts missing ($fonts); screenshots may show boxes instead of Chinese or emoji" >&2
  fi
fi

"$browser" --version >&2 2>/dev/null || true
echo "$browser"
