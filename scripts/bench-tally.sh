#!/usr/bin/env bash
# `xuanren tally` against bare JSON parsers on the same files (issue: tally ≤ ½ of node's JSON.parse, RSS < 64 MB).
# Usage: scripts/bench-tally.sh [BALLOTS] [BIG_BALLOTS]   (defaults 1,000,000 and 10,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
BIG=${2:-10000000}
swift build -c release --product xuanren >/dev/null
XR=$(swift build -c release --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-tally-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
python3 -m pip install -q pysimdjson orjson >/dev/null 2>&1 || true

python3 scripts/gen-ballot-box.py recommendation "$N" "$T/rec.json"
python3 scripts/gen-ballot-box.py evaluation "$N" "$T/eval.json"

measure() { # file → prints a block of figures
  local f=$1 label=$2
  python3 - "$XR" "$f" "$label" <<'PY'
import os, resource, subprocess, sys, time
xr, f, label = sys.argv[1:4]
size = os.path.getsize(f) / 1e6
def best(cmd, n=3):
    b, rss = 1e9, 0
    for _ in range(n):
        t = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        el = time.perf_counter() - t
        if p.returncode != 0: sys.exit(p.stderr)
        b = min(b, el); rss = max(rss, int(p.stderr.strip().splitlines()[-1]))
    return b, rss
tally, rss = best([xr, "tally", f, "--json"])
node_js = 'const fs=require("fs");const s=fs.readFileSync(process.argv[1],"utf8");const t=process.hrtime.bigint();JSON.parse(s);console.log(Number(process.hrtime.bigint()-t)/1e9)'
node_parse = min(float(subprocess.check_output(["node", "-e", node_js, f], text=True)) for _ in range(3))
node_proc, _ = best(["node", "-e", node_js, f], 1)
def py_parse(mod, fn):
    code = f"import {mod},time,sys;b=open(sys.argv[1],'rb').read();t=time.perf_counter();{fn}(b);print(time.perf_counter()-t)"
    try: return min(float(subprocess.check_output([sys.executable, "-c", code, f], text=True)) for _ in range(3))
    except Exception: return None
simd = py_parse("simdjson", "simdjson.Parser().parse")
orj = py_parse("orjson", "orjson.loads")
print(f"{label}: {size:.1f} MB")
print(f"  xuanren tally (whole process, release): {tally:.3f} s, peak RSS {rss/1024:.1f} MB")
print(f"  node JSON.parse alone: {node_parse:.3f} s (whole node process {node_proc:.3f} s)  → tally / JSON.parse = {tally/node_parse:.2f} (target ≤ 0.50)")
if simd: print(f"  simdjson bare parse: {simd:.3f} s  → tally / simdjson = {tally/simd:.1f}")
if orj: print(f"  orjson parse: {orj:.3f} s  → tally / orjson = {tally/orj:.2f}")
PY
}
measure "$T/rec.json" "weighted-recommendation, $N ballots"
measure "$T/eval.json" "evaluation, $N ballots"
rm -f "$T/eval.json"
python3 scripts/gen-ballot-box.py recommendation "$BIG" "$T/big.json"
/usr/bin/time -f "weighted-recommendation, $BIG ballots ($(($(stat -c %s "$T/big.json")/1000000)) MB): %e s, peak RSS %M KB" "$XR" tally "$T/big.json" --json >/dev/null
