#!/usr/bin/env bash
# Remakes the README's screenshots of two teaching reports with headless chromium (Debian's package).
# Run from anywhere after a build: docs/img/screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root" # the reports show the scenario files as given: relative to the repository
./semisync-sim run --quiet --report "$out/report" scenarios/library/teaching/timeout-and-switch-back-on.yaml \
  scenarios/library/teaching/after-sync-vs-after-commit.yaml
shot() { # NAME HEIGHT: the page from its top to the end of the status timelines
  if ! chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
      --disable-component-update --disable-sync --user-data-dir="$out/profile-$1" --hide-scrollbars \
      --window-size="1200,$2" --screenshot="$root/docs/img/$1.png" "file://$out/report/$1/report.html" \
      >"$out/chromium-$1.log" 2>&1; then
    cat "$out/chromium-$1.log" >&2
    exit 1
  fi
}
shot timeout-and-switch-back-on 2290
shot after-sync-vs-after-commit 1840
