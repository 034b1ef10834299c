#!/usr/bin/env bash
# `xuanren score` against node's JSON.parse of the same sheet (target: score ≤ ½ of node's parse time, peak RSS < 64 MB).
# Usage: scripts/bench-score.sh [APPLICANTS]   (default 100,000; each with a written score and 7 interview judges)
# Builds a static release binary in .build-static (the first time takes as long as any first release build);
# XR=/path/to/binary uses that build (any program taking `score FILE --json`, or `FILE --json` when XR_NO_SUBCOMMAND=1).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
if [ -z "${XR:-}" ]; then
  # the binary as deployed: Swift's runtime and Foundation linked in (`--static-swift-stdlib`), which saves some 5 ms
  # of symbol binding at every start; in a build path of its own, so that the other release builds are not redone
  swift build -c release --product xuanren --static-swift-stdlib --build-path .build-static >/dev/null
  XR=$(swift build -c release --static-swift-stdlib --build-path .build-static --show-bin-path)/xuanren
fi
SUB=(score); [ "${XR_NO_SUBCOMMAND:-0}" = 1 ] && SUB=()
T=$(mktemp -d /tmp/xuanren-score-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
F="$T/sheet.json"
python3 scripts/gen-score-sheet.py "$N" "$F"
python3 - "$XR" "$F" "${SUB[@]}" <<'PY'
import os, shutil, statistics, subprocess, sys, time
xr, f, sub = sys.argv[1], sys.argv[2], sys.argv[3:]
size = os.path.getsize(f) / 1e6
def run(cmd):
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    el = time.perf_counter() - t
    if p.returncode != 0: sys.exit(p.stderr)
    return el, int(p.stderr.strip().splitlines()[-1])
js = 'const fs=require("fs");const s=fs.readFileSync(process.argv[1],"utf8");const t=process.hrtime.bigint();JSON.parse(s);console.log(Number(process.hrtime.bigint()-t)/1e9)'
node = shutil.which("node")
# interleaved, so that a busy moment of the machine weighs on both sides alike; best and median of each
scores, parses, rss = [], [], 0
for k in range(11):
    el, r = run([xr] + sub + [f, "--json"]); scores.append(el); rss = max(rss, r)
    if node: parses.append(float(subprocess.check_output(["node", "-e", js, f], text=True)))
print(f"score sheet: {size:.1f} MB")
print(f"  xuanren score --json (whole process, release): best {min(scores):.3f} s, median {statistics.median(scores):.3f} s; peak RSS {rss/1024:.1f} MB (target < 64)")
if node:
    whole, nrss = min((run(["node", "-e", 'JSON.parse(require("fs").readFileSync(process.argv[1]))', f]) for _ in range(3)), key=lambda x: x[0])
    print(f"  node JSON.parse alone: best {min(parses):.3f} s, median {statistics.median(parses):.3f} s (whole node process {whole:.3f} s, peak RSS {nrss/1024:.1f} MB)")
    print(f"  → score / JSON.parse = {min(scores)/min(parses):.2f} best to best, {statistics.median(scores)/statistics.median(parses):.2f} median to median (target ≤ 0.50); score / whole node process = {min(scores)/whole:.2f}")
else:
    print("  node not found: the comparison with JSON.parse is skipped")
PY
