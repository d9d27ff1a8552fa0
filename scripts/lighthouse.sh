#!/usr/bin/env bash
# Lighthouse on pages of a built site, served from a sub-path. Prints performance, accessibility,
# best-practices and SEO scores per page (a script, not a test: scores vary with the machine).
#
#   scripts/lighthouse.sh [SITE] [PAGE...]
#
# SITE defaults to the repo's example. Each PAGE is a site path ("map/", "briefs/hanoi-summit/");
# the default pages are the home page, the first brief, the first claim, the map index, the first
# part of the map and search. RUNS=3 scores each page three times and prints the median (Lighthouse
# varies by a few points between runs). Lighthouse's default settings are kept: a mobile device
# with simulated slow 4G and a 4x slower CPU.
# Lighthouse 12.8.2: version 13 needs Node >= 22 (see shared/TOOLING.md). Installed into .lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-.}
shift || true
python=${PYTHON:-python3}
runs=${RUNS:-1}
tools=.lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error -E lighthouse@12.8.2
fi
out=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$out"' EXIT
"$python" -m briefgen build "$site" -o "$out/site" --base-url https://example.org/sub/ -q
# Serve $out/site under /sub/ on a free port.
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$out/root" && ln -s "$out/site" "$out/root/sub"
"$python" -m http.server --bind 127.0.0.1 --directory "$out/root" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
first() {  # the first page folder under $1 (not a listing's page/N/), or nothing
  [ -d "$out/site/$1" ] && (cd "$out/site/$1" && ls -d */ 2>/dev/null | grep -v '^page/$' | head -1) || true
}
if [ $# -gt 0 ]; then
  pages=("$@")
else
  pages=("" "briefs/$(first briefs)" "claims/$(first claims)" "map/")
  part=$(first map)
  [ -n "$part" ] && pages+=("map/$part")
  pages+=("search/")
fi
printf '%-36s %5s %5s %5s %5s\n' page perf a11y best seo
for path in "${pages[@]}"; do
  for run in $(seq "$runs"); do
    CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/sub/$path" \
      --quiet --output=json --output-path="$out/report-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
      >/dev/null 2>&1 || true
  done
  "$python" - "/$path" "$out"/report-*.json <<'PY'
import json, statistics, sys
scores = {c: [] for c in ("performance", "accessibility", "best-practices", "seo")}
for name in sys.argv[2:]:
    try:
        report = json.load(open(name))
    except (OSError, ValueError):
        continue
    for c in scores:
        scores[c].append(round((report["categories"][c]["score"] or 0) * 100))
cells = " ".join(f"{statistics.median(v) if v else 0:5.0f}" for v in scores.values())
print(f"{sys.argv[1]:<36} {cells}")
PY
  rm -f "$out"/report-*.json
done
