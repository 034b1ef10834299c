#!/usr/bin/env bash
# CHK-2 at scale (issue #16): a supervision check of 10,000 newly promoted cadres' files — the draw of ⌈n/3⌉ by lot
# plus the mandatory files, and the store's re-draw from the recorded seed (what `xuanren sample` does), each timed;
# then `xuanren sample --check ID --seed S` run twice end to end (a new process, the database opened, the list read,
# the sample drawn and printed), the two outputs compared. Target: sampling ≤ 1 s.
# Usage: scripts/bench-sample.sh [FILES]; CONFIG=debug uses the debug build; DB=postgres://… runs on PostgreSQL (empty).
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-10000}
CONFIG=${CONFIG:-release}
swift build -c "$CONFIG" --product xuanren >/dev/null
XR=$(swift build -c "$CONFIG" --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-bench-sample.XXXXXX)
trap 'rm -rf "$T"' EXIT
DBARG=${DB:-$T/c.sqlite}
echo "== a check of $FILES files ($CONFIG build, ${DB:+PostgreSQL}${DB:-SQLite})"
"$XR" cadre seed --count 20 --db "$DBARG" --key "$T/key" | tail -1
OUT=$("$XR" check bench-sample --files "$FILES" --db "$DBARG" --key "$T/key")
echo "$OUT" | head -1
read -r _ CHECK _ SEED < <(echo "$OUT" | tail -1)
for i in 1 2; do
  START=$(date +%s.%N)
  "$XR" sample --check "$CHECK" --seed "$SEED" --db "$DBARG" --key "$T/key" > "$T/sample$i.txt"
  END=$(date +%s.%N)
  echo "xuanren sample --check … --seed $SEED (run $i, whole process): $(echo "$END - $START" | bc) s, $(($(wc -l < "$T/sample$i.txt") - 3)) files listed; $(tail -1 "$T/sample$i.txt")"
done
cmp -s "$T/sample1.txt" "$T/sample2.txt" && echo "the two runs printed the same list" || { echo "the two runs differ"; exit 1; }
