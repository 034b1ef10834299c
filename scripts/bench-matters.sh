#!/usr/bin/env bash
# Selection matters at scale (issue #13): 100,000 cadres and 500 matters — the organizer's matter list and a matter
# page over HTTP (p50/p95 of sequential requests), and stage transitions per second (each with its ledger entry).
# Usage: scripts/bench-matters.sh [CADRES] [MATTERS]; DB=postgres://… runs it on PostgreSQL (an empty database).
set -euo pipefail
cd "$(dirname "$0")/.."
CADRES=${1:-100000}
MATTERS=${2:-500}
PORT=${PORT:-18384}
swift build -c release --product xuanren >/dev/null
XR=$(swift build -c release --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-bench-matters.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$T"' EXIT
DBARG=${DB:-$T/m.sqlite}

echo "== $CADRES cadres, $MATTERS matters (release build, ${DB:+PostgreSQL}${DB:-SQLite})"
/usr/bin/time -f "   cadres: %e s" "$XR" cadre seed --count "$CADRES" --db "$DBARG" --key "$T/key" | tail -1
/usr/bin/time -f "   matters: %e s" "$XR" matter seed --count "$MATTERS" --db "$DBARG" --key "$T/key" | tee "$T/seed.out"
MATTER=$(sed -n 's/.*first: \([0-9A-F-]*\).*/\1/p' "$T/seed.out")
"$XR" serve --db "$DBARG" --key "$T/key" --port "$PORT" >"$T/serve.log" 2>&1 &
SERVER=$!
python3 scripts/bench-matters.py "http://127.0.0.1:$PORT" "$MATTER"
kill $SERVER; wait $SERVER 2>/dev/null || true
echo "== stage transitions (each: the facts read, the guards checked, the matter and its ledger entry written)"
"$XR" matter bench-transitions --count 500 --db "$DBARG" --key "$T/key"
