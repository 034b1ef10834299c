#!/usr/bin/env bash
# CLI behaviour: one-line errors with exit 1, user/unit commands, verify and tampering, demo seeding once.
# Usage: e2e/cli-checks.sh [POSTGRES_URL]
set -uo pipefail
cd "$(dirname "$0")/.."
swift build >/dev/null
XR=$(swift build --show-bin-path)/xuanren
PGURL=${1:-}
T=$(mktemp -d /tmp/xuanren-cli.XXXXXX)
fails=0
check() { # name, expected exit, command...
  local name=$1 want=$2; shift 2
  out=$("$@" 2>"$T/err"); got=$?
  if [ "$got" != "$want" ]; then echo "FAIL $name: exit $got, want $want; stderr: $(cat "$T/err")"; fails=$((fails+1)); else echo "ok   $name"; fi
}
one_line() { # the last command's stderr is exactly one line
  local n; n=$(wc -l <"$T/err"); if [ "$n" != 1 ]; then echo "FAIL $1: stderr has $n lines: $(cat "$T/err")"; fails=$((fails+1)); fi
}

DB="$T/x.sqlite"
check "migrate" 0 "$XR" migrate --db "$DB"
check "unit add" 0 "$XR" unit add county --db "$DB" --name "示范县委" --kind party-committee
check "unit add child" 0 "$XR" unit add edu --db "$DB" --name "示范县教育局" --parent county
check "unit add bad parent" 1 "$XR" unit add x --db "$DB" --name "X" --parent nowhere; one_line "unit add bad parent"
check "user add" 0 "$XR" user add zhou --db "$DB" --name "周" --password "Strong-pass-123" --role organizer --unit county
check "user add weak password" 1 "$XR" user add li --db "$DB" --name "李" --password "weak"; one_line "weak password"
check "user grant" 0 "$XR" user grant zhou supervisor --db "$DB" --unit edu
check "user grant unknown role" 1 "$XR" user grant zhou emperor --db "$DB" --unit edu
check "user passwd" 0 "$XR" user passwd zhou --db "$DB" --password "Another-pass-456"
"$XR" user list --db "$DB" | grep -q "organizer@county,supervisor@edu" && echo "ok   user list shows grants" || { echo "FAIL user list"; fails=$((fails+1)); }
check "verify intact" 0 "$XR" verify --db "$DB"
check "checkpoint" 0 "$XR" checkpoint --db "$DB"
"$XR" checkpoint --db "$DB" > "$T/cp.json"
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE ledger_entries SET actor='mallory' WHERE seq=3"); c.commit()
PY
check "verify edited" 1 "$XR" verify --db "$DB"; one_line "verify edited"
grep -q "first bad sequence number 3" "$T/err" && echo "ok   verify names seq 3" || { echo "FAIL verify message: $(cat "$T/err")"; fails=$((fails+1)); }
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE ledger_entries SET actor='cli' WHERE seq=3")
c.execute("DELETE FROM ledger_entries WHERE seq > 5"); c.execute("DELETE FROM ledger_checkpoints"); c.commit()
PY
check "verify prefix without checkpoint" 0 "$XR" verify --db "$DB"
check "verify truncated behind checkpoint" 1 "$XR" verify --db "$DB" --checkpoint "$T/cp.json"
grep -q "truncated" "$T/err" && echo "ok   truncation named" || { echo "FAIL truncation message: $(cat "$T/err")"; fails=$((fails+1)); }

# tally: the example gives its published result; bad input is exit 2, nothing on stdout, one line on stderr
EX=Tests/SelectionCoreTests/Fixtures/ballot-box-example.json
"$XR" tally --json "$EX" > "$T/result.json"
python3 - "$T/result.json" Tests/SelectionCoreTests/Fixtures/ballot-box-example.result.json <<'PY' && echo "ok   tally example matches" || { echo "FAIL tally example"; fails=$((fails+1)); }
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def close(x, y):
    if isinstance(x, dict): return isinstance(y, dict) and x.keys() == y.keys() and all(close(x[k], y[k]) for k in x)
    if isinstance(x, list): return isinstance(y, list) and len(x) == len(y) and all(map(close, x, y))
    if isinstance(x, bool) or x is None or isinstance(x, str): return x == y
    return abs(x - y) <= 1e-9
sys.exit(0 if close(a, b) else 1)
PY
cat "$EX" | "$XR" tally - | grep -q "唱票结果" && echo "ok   tally from stdin, zh table" || { echo "FAIL tally stdin"; fails=$((fails+1)); }
LANG=en_US.UTF-8 "$XR" tally "$EX" | grep -q "Invalid ballots" && echo "ok   tally English table" || { echo "FAIL tally English"; fails=$((fails+1)); }
head -c 200 "$EX" > "$T/cut.json"
check "tally truncated file" 2 "$XR" tally "$T/cut.json"; one_line "tally truncated"
[ -z "$out" ] && echo "ok   nothing on stdout" || { echo "FAIL stdout not empty"; fails=$((fails+1)); }
: > "$T/empty.json"
check "tally empty file" 2 "$XR" tally "$T/empty.json"; one_line "tally empty"
printf '\xff\xfe{"format":1}' > "$T/binary.json"
check "tally binary junk" 2 "$XR" tally "$T/binary.json"
check "tally missing file" 2 "$XR" tally "$T/nope.json"

# bad configuration: one line, exit 1
check "db folder missing" 1 "$XR" migrate --db /nonexistent/dir/x.sqlite; one_line "db folder missing"
check "pg unreachable" 1 "$XR" migrate --db "postgres://u:p@127.0.0.1:1/x?sslmode=disable"; one_line "pg unreachable"
if [ -n "$PGURL" ]; then
  BAD=$(echo "$PGURL" | sed 's/:xuanren@/:wrongpass@/')
  check "pg wrong password" 1 "$XR" migrate --db "$BAD"; one_line "pg wrong password"
  grep -qi "password" "$T/err" && echo "ok   wrong password named" || { echo "FAIL wrong-password message: $(cat "$T/err")"; fails=$((fails+1)); }
  check "pg migrate" 0 env DATABASE_URL="$PGURL" "$XR" migrate --key "$T/pg.key"
  check "pg unit add" 0 env DATABASE_URL="$PGURL" "$XR" unit add cli-pg --name "PG 单位" --key "$T/pg.key"
  check "pg verify" 0 env DATABASE_URL="$PGURL" "$XR" verify --key "$T/pg.key"
fi

# serve: demo seeding once, port in use
PORT=18181
"$XR" serve --demo --db "$T/demo.sqlite" --port $PORT >"$T/serve1.log" 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && echo "ok   serve --demo answers" || { echo "FAIL serve"; cat "$T/serve1.log"; fails=$((fails+1)); }
grep -q "organizer" "$T/serve1.log" && echo "ok   demo accounts printed" || { echo "FAIL demo accounts not printed"; fails=$((fails+1)); }
check "port in use" 1 "$XR" serve --db "$T/other.sqlite" --port $PORT; one_line "port in use"
grep -q "already in use" "$T/err" && echo "ok   port in use named" || { echo "FAIL port message: $(cat "$T/err")"; fails=$((fails+1)); }
kill $PID; wait $PID 2>/dev/null
before=$("$XR" unit list --db "$T/demo.sqlite" | wc -l)
"$XR" serve --demo --db "$T/demo.sqlite" --port $PORT >"$T/serve2.log" 2>&1 &
PID=$!
for i in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
kill $PID; wait $PID 2>/dev/null
after=$("$XR" unit list --db "$T/demo.sqlite" | wc -l)
[ "$before" = "$after" ] && grep -q "already present" "$T/serve2.log" && echo "ok   second --demo run seeds nothing ($after units)" || { echo "FAIL reseeding: $before -> $after"; fails=$((fails+1)); }

rm -rf "$T"
[ $fails = 0 ] || { echo "$fails CLI check(s) failed"; exit 1; }
echo "CLI checks passed"
