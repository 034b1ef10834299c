#!/usr/bin/env bash
# Coverage-guided fuzzing of the ballot-box reader with libFuzzer (+ AddressSanitizer).
# Usage: scripts/fuzz-tally.sh [SECONDS]   — prints libFuzzer's summary (number of inputs run).
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
T=$(mktemp -d /tmp/xuanren-fuzz.XXXXXX)
mkdir -p "$T/corpus"
cp ../shared/formats/ballot-box-example.json "$T/corpus/" 2>/dev/null || cp Tests/SelectionCoreTests/Fixtures/ballot-box-example.json "$T/corpus/"
printf '{"format":"xuanren.ballot-box/1","kind":"approval","settings":{"members":3,"quorum":{"num":2,"den":3}},"candidates":[{"id":"a"}],"ballots":[{"votes":{"a":"yes"}},{"votes":{"a":"no","b":"x"}}]}' > "$T/corpus/approval.json"
printf '{"format":"xuanren.ballot-box/1","kind":"election","settings":{"entitled":4,"seats":2,"eligible":["a","b"]},"candidates":[],"ballots":[{"choices":["a","b"]},{"choices":["c"]}]}' > "$T/corpus/election.json"
printf '{"format":"xuanren.ballot-box/1","kind":"evaluation","settings":{"entitled":2,"items":[{"id":"de","weight":1}],"tiers":{"A":100,"B":50}},"candidates":[{"id":"c"}],"ballots":[{"ratings":{"c":{"items":{"de":"A"},"overall":"basic"}}}]}' > "$T/corpus/evaluation.json"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name SelectionCore \
  $(find Sources/SelectionCore -name '*.swift') Fuzz/TallyFuzz.swift -o "$T/tally-fuzz" 2>"$T/build.log" || { cat "$T/build.log"; exit 1; }
set +e
"$T/tally-fuzz" -max_total_time="$SECS" -max_len=4096 -print_final_stats=1 "$T/corpus" >"$T/fuzz.log" 2>&1
rc=$?
set -e
grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss)|ERROR|SUMMARY" "$T/fuzz.log" || true
[ $rc = 0 ] || { tail -40 "$T/fuzz.log"; exit 1; }
rm -rf "$T"
