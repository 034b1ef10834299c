#!/usr/bin/env bash
# Ledger verification throughput vs sha256sum on the same bytes (issue: verify ≥ sha256sum speed).
# Usage: scripts/bench-verify.sh [COUNT] [POSTGRES_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
PGURL=${2:-}
swift build -c release --product xuanren >/dev/null
XR=$(swift build -c release --show-bin-path)/xuanren
T=$(mktemp -d /tmp/xuanren-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT

secs() { python3 -c 'import sys,time,subprocess; t=time.perf_counter(); r=subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); print(f"{time.perf_counter()-t:.3f}") if r.returncode==0 else sys.exit(r.stderr.decode())' "$@"; }
best() { local b=999999; for i in 1 2 3; do v=$(secs "$@"); b=$(python3 -c "print(min($b,$v))"); done; echo "$b"; }

bench() { # label, db
  local label=$1 db=$2
  echo "== $label: filling $COUNT entries"
  "$XR" ledger-bench fill --db "$db" --key "$T/key" --count "$COUNT" >/dev/null
  "$XR" ledger-bench dump --db "$db" --key "$T/key" --out "$T/bytes" >/dev/null
  local bytes; bytes=$(stat -c %s "$T/bytes")
  local sha; sha=$(best sha256sum "$T/bytes")
  local ver; ver=$(best "$XR" verify --db "$db" --key "$T/key")
  python3 - "$label" "$COUNT" "$bytes" "$sha" "$ver" <<'PY'
import sys
label, n, b, sha, ver = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
mb = b / 1e6
print(f"{label}: {n} entries, {mb:.1f} MB hashed")
print(f"  sha256sum (file in page cache): {sha:.3f} s  = {mb/sha:.0f} MB/s")
print(f"  xuanren verify (whole process, reading the database): {ver:.3f} s  = {mb/ver:.0f} MB/s")
print(f"  verify time / sha256sum time = {ver/sha:.2f}  ({'meets' if ver <= sha else 'MISSES'} the target ≤ 1.00)")
PY
}

bench "SQLite" "$T/bench.sqlite"
if [ -n "$PGURL" ]; then
  bench "PostgreSQL" "$PGURL"
  if command -v psql >/dev/null; then
    # the floor: PostgreSQL only writing the same rows out (COPY to /dev/null), no hashing at all
    floor=$(best psql "$PGURL" -qAt -c "\\copy (SELECT seq, at, actor, action, subject_type, subject_id, payload, prev_hash, hash FROM ledger_entries ORDER BY seq) to '/dev/null'")
    echo "  reference: psql \\copy of the same rows to /dev/null (server output only): $floor s"
  fi
fi
