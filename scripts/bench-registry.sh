#!/usr/bin/env bash
# Registry at scale (issue #5): 100,000 cadres on SQLite — the list with filters and "who qualifies"
# answered over HTTP (p50/p95 of sequential requests), and importing 10,000 LRMX files.
# Usage: scripts/bench-registry.sh [COUNT] [LRMX_COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
LRMX=${2:-10000}
PORT=${PORT:-18383}
swift build -c release --product xuanren >/dev/null
XR=$(swift build -c release --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-bench-registry.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$T"' EXIT

echo "== seeding $COUNT invented cadres (release build)"
/usr/bin/time -f "   seed: %e s, peak RSS %M KB" "$XR" cadre seed --count "$COUNT" --db "$T/r.sqlite" --key "$T/key"
ls -la "$T/r.sqlite" | awk '{printf "   database: %.1f MB\n", $5/1e6}'
"$XR" serve --db "$T/r.sqlite" --key "$T/key" --port "$PORT" >"$T/serve.log" 2>&1 &
SERVER=$!
python3 scripts/bench-registry.py "http://127.0.0.1:$PORT"
kill $SERVER; wait $SERVER 2>/dev/null || true

echo "== LRMX: $LRMX files exported, then imported into an empty registry"
"$XR" cadre seed --count "$LRMX" --with-ids --seed 11 --db "$T/src.sqlite" --key "$T/key" >/dev/null
"$XR" cadre export --format lrmx --out "$T/lrmx" --db "$T/src.sqlite" --key "$T/key" >/dev/null
du -sh "$T/lrmx" | awk '{print "   files: " $1}'
"$XR" cadre seed --count 0 --db "$T/dst.sqlite" --key "$T/key" >/dev/null
/usr/bin/time -f "   import of the folder, whole process: %e s, peak RSS %M KB" "$XR" cadre import "$T/lrmx" --unit fin --db "$T/dst.sqlite" --key "$T/key" | tail -1
(cd "$T/lrmx" && zip -qr "$T/all.zip" .)
"$XR" cadre seed --count 0 --db "$T/dst2.sqlite" --key "$T/key" >/dev/null
/usr/bin/time -f "   import of one zip, whole process: %e s, peak RSS %M KB" "$XR" cadre import "$T/all.zip" --unit fin --db "$T/dst2.sqlite" --key "$T/key" | tail -1
"$XR" verify --db "$T/dst.sqlite" --key "$T/key" | tail -1
