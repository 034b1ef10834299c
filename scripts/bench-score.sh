#!/usr/bin/env bash
# `xuanren score` against node's JSON.parse of the same sheet (target: score ≤ ½ of node's parse time, peak RSS < 64 MB).
# Usage: scripts/bench-score.sh [APPLICANTS]   (default 100,000; each with a written score and 7 interview judges)
# XR=/path/to/binary uses that build (any program taking `score FILE --json`, or `FILE --json` when XR_NO_SUBCOMMAND=1).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
if [ -z "${XR:-}" ]; then
  swift build -c release --product xuanren >/dev/null
  XR=$(swift build -c release --show-bin-path)/xuanren
fi
SUB=(score); [ "${XR_NO_SUBCOMMAND:-0}" = 1 ] && SUB=()
T=$(mktemp -d /tmp/xuanren-score-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
F="$T/sheet.json"
python3 scripts/gen-score-sheet.py "$N" "$F"
python3 - "$XR" "$F" "${SUB[@]}" <<'PY'
import os, shutil, subprocess, sys, time
xr, f, sub = sys.argv[1], sys.argv[2], sys.argv[3:]
size = os.path.getsize(f) / 1e6
def best(cmd, n=5):
    b, rss = 1e9, 0
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        el = time.perf_counter() - t
        if p.returncode != 0: sys.exit(p.stderr)
        b = min(b, el); rss = max(rss, int(p.stderr.strip().splitlines()[-1]))
    return b, rss
score, rss = best([xr] + sub + [f, "--json"])
print(f"score sheet: {size:.1f} MB")
print(f"  xuanren score --json (whole process, release): {score:.3f} s, peak RSS {rss/1024:.1f} MB (target < 64)")
if shutil.which("node"):
    js = 'const fs=require("fs");const s=fs.readFileSync(process.argv[1],"utf8");const t=process.hrtime.bigint();JSON.parse(s);console.log(Number(process.hrtime.bigint()-t)/1e9)'
    parse = min(float(subprocess.check_output(["node", "-e", js, f], text=True)) for _ in range(5))
    whole, nrss = best(["node", "-e", 'JSON.parse(require("fs").readFileSync(process.argv[1]))', f], 3)
    print(f"  node JSON.parse alone: {parse:.3f} s (whole node process {whole:.3f} s, peak RSS {nrss/1024:.1f} MB)")
    print(f"  → score / JSON.parse = {score/parse:.2f} (target ≤ 0.50); score / whole node process = {score/whole:.2f}")
else:
    print("  node not found: the comparison with JSON.parse is skipped")
PY
