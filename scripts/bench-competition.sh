#!/usr/bin/env bash
# A competitive selection at scale (issue #15): 5,000 applicants over 50 positions in one 公开选拔 — the review of
# every applicant and the review list, the written exam's progression of every position, and every composite with its
# ranking and shortlist, each timed in the store operation the pages call (target: ≤ 1 s together).
# Usage: scripts/bench-competition.sh [APPLICANTS] [POSITIONS]; DB=postgres://… runs it on PostgreSQL (an empty database).
set -euo pipefail
cd "$(dirname "$0")/.."
APPLICANTS=${1:-5000}
POSITIONS=${2:-50}
swift build -c release --product xuanren >/dev/null
XR=$(swift build -c release --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-bench-competition.XXXXXX)
trap 'rm -rf "$T"' EXIT
DBARG=${DB:-$T/c.sqlite}
echo "== $APPLICANTS applicants, $POSITIONS positions (release build, ${DB:+PostgreSQL}${DB:-SQLite})"
"$XR" cadre seed --count 20 --db "$DBARG" --key "$T/key" | tail -1
"$XR" matter bench-competition --applicants "$APPLICANTS" --positions "$POSITIONS" --db "$DBARG" --key "$T/key"
