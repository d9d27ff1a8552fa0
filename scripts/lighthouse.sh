#!/usr/bin/env bash
# Lighthouse on the home, brief, claim and search pages of a built site, served from a sub-path.
# Prints performance, accessibility, best-practices and SEO scores per page (a script, not a test:
# scores vary with the machine). Usage: scripts/lighthouse.sh [SITE]   (default: the repo's example)
# Lighthouse 12.8.2: version 13 needs Node >= 22 (see shared/TOOLING.md). Installed into .lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-.}
python=${PYTHON:-python3}
tools=.lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error -E lighthouse@12.8.2
fi
out=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
"$python" -m briefgen build "$site" -o "$out/site" --base-url https://example.org/sub/ -q
# Serve $out/site under /sub/ on a free port.
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$out/root" && ln -s "$out/site" "$out/root/sub"
"$python" -m http.server --bind 127.0.0.1 --directory "$out/root" "$port" >/dev/null 2>&1 &
server=$!
sleep 1
brief=$(cd "$out/site/briefs" && ls -d */ | grep -v '^page/' | head -1)
claim=$(cd "$out/site/claims" && ls -d */ | grep -v '^page/' | head -1)
printf '%-28s %5s %5s %5s %5s\n' page perf a11y best seo
for path in "" "briefs/$brief" "claims/$claim" "search/"; do
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/sub/$path" \
    --quiet --output=json --output-path="$out/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    >/dev/null 2>&1 || true
  "$python" - "$out/report.json" "/$path" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = [report["categories"][c]["score"] for c in ("performance", "accessibility", "best-practices", "seo")]
print(f"{sys.argv[2]:<28} " + " ".join(f"{round((s or 0) * 100):5d}" for s in scores))
PY
done
