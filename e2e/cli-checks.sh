#!/usr/bin/env bash
# CLI behaviour: one-line errors (exit 1 for the configuration, the database and verify; a refusal exits with its
# kind: 2 bad input, 3 conflict, 4 not permitted or not found, in the language of LANG), user/unit commands,
# verify and tampering, demo seeding once.
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
check "unit add bad parent" 2 "$XR" unit add x --db "$DB" --name "X" --parent nowhere; one_line "unit add bad parent"
check "refusal in English" 2 env -u LC_ALL LANG=en_US.UTF-8 "$XR" unit add x --db "$DB" --name "X" --parent nowhere
grep -q "not found" "$T/err" || { echo "FAIL refusal in English: $(cat "$T/err")"; fails=$((fails+1)); }
check "refusal in Chinese" 2 env -u LC_ALL LANG=zh_CN.UTF-8 "$XR" unit add x --db "$DB" --name "X" --parent nowhere
grep -q "找不到" "$T/err" || { echo "FAIL refusal in Chinese: $(cat "$T/err")"; fails=$((fails+1)); }
check "user add" 0 "$XR" user add zhou --db "$DB" --name "周" --password "Strong-pass-123" --role organizer --unit county
check "user add weak password" 2 "$XR" user add li --db "$DB" --name "李" --password "weak"; one_line "weak password"
check "user grant" 0 "$XR" user grant zhou supervisor --db "$DB" --unit edu
check "user grant unknown role" 2 "$XR" user grant zhou emperor --db "$DB" --unit edu
check "user passwd" 0 "$XR" user passwd zhou --db "$DB" --password "Another-pass-456"
"$XR" user list --db "$DB" | grep -q "organizer@county,supervisor@edu" && echo "ok   user list shows grants" || { echo "FAIL user list"; fails=$((fails+1)); }
check "verify intact" 0 "$XR" verify --db "$DB"
grep -q "unsigned tail: none" <<<"$out" && echo "ok   each command signed what it wrote" || { echo "FAIL commands left entries unsigned: $out"; fails=$((fails+1)); }
check "unit add with another key" 0 "$XR" unit add other --db "$DB" --key "$T/other.key" --name "其他" --parent county
grep -q "not signed" "$T/err" && echo "ok   another key signs nothing, and says so" || { echo "FAIL another key: $(cat "$T/err")"; fails=$((fails+1)); }
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

# ledger anchoring (LED-2): a demo server signs every 100 entries, every 2 s while the head moves, at the end of the
# seed and at shutdown; its Atom feed and checkpoint are kept as copies; rewrites by someone without the key fail.
# The key is kept apart from the database (another folder), as the README says.
mkdir -p "$T/anchor/db" "$T/anchor/key"
ADB="$T/anchor/db/demo.sqlite"; AKEY="$T/anchor/key/ed25519.key"
VOPTS=(--key "$AKEY" --checkpoint-every 100 --checkpoint-seconds 2 --checkpoint-margin 1)
APORT=18182
"$XR" serve --demo --db "$ADB" --key "$AKEY" --port $APORT --checkpoint-every 100 --checkpoint-seconds 2 >"$T/anchor/serve.log" 2>&1 &
APID=$!
for i in $(seq 1 120); do curl -sf "http://127.0.0.1:$APORT/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$APORT/ledger/checkpoints.atom" -o "$T/anchor/feed.atom" && curl -sf "http://127.0.0.1:$APORT/ledger/checkpoint.json" -o "$T/anchor/cp.json"
n=$(grep -c "<entry>" "$T/anchor/feed.atom" 2>/dev/null)
m=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM ledger_checkpoints").fetchone()[0])' "$ADB")
[ "${n:-0}" -ge 4 ] && [ "$n" = "$m" ] && echo "ok   atom feed lists every checkpoint ($n)" || { echo "FAIL atom feed: ${n:-0} entries, $m checkpoints"; fails=$((fails+1)); }
check "verify with a feed and a checkpoint (files)" 0 "$XR" verify --db "$ADB" "${VOPTS[@]}" --checkpoint "$T/anchor/feed.atom" --checkpoint "$T/anchor/cp.json"
grep -q "given with --checkpoint" <<<"$out" && echo "ok   copies counted" || { echo "FAIL copies not reported: $out"; fails=$((fails+1)); }
check "verify with the feed and checkpoint URLs" 0 "$XR" verify --db "$ADB" "${VOPTS[@]}" --checkpoint "http://127.0.0.1:$APORT/ledger/checkpoints.atom" --checkpoint "http://127.0.0.1:$APORT/ledger/checkpoint.json"
check "verify unreachable URL" 1 "$XR" verify --db "$ADB" --key "$AKEY" --checkpoint "http://127.0.0.1:1/ledger/checkpoints.atom"; one_line "verify unreachable URL"
grep -q "cannot fetch" "$T/err" && echo "ok   unreachable URL named" || { echo "FAIL unreachable URL message: $(cat "$T/err")"; fails=$((fails+1)); }
check "verify 404 URL" 1 "$XR" verify --db "$ADB" --key "$AKEY" --checkpoint "http://127.0.0.1:$APORT/ledger/nothing.atom"; one_line "verify 404 URL"
check "verify bad URL" 1 "$XR" verify --db "$ADB" --key "$AKEY" --checkpoint "ftp://example.org/feed.atom"; one_line "verify bad URL"
check "verify missing checkpoint file" 1 "$XR" verify --db "$ADB" --key "$AKEY" --checkpoint "$T/anchor/nope.json"; one_line "verify missing checkpoint file"
kill -TERM $APID; wait $APID 2>/dev/null
check "verify after shutdown" 0 "$XR" verify --db "$ADB" "${VOPTS[@]}"
grep -q "unsigned tail: none" <<<"$out" && echo "ok   nothing left unsigned after shutdown" || { echo "FAIL unsigned tail after shutdown: $out"; fails=$((fails+1)); }
tamper() { # copy of the demo database, then: rewrite SEQ | renumber SEQ | nocheckpoints | cut SEQ
  cp "$ADB" "$T/anchor/t.sqlite"
  python3 - "$T/anchor/t.sqlite" "$@" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1]); what = sys.argv[2]; arg = int(sys.argv[3]) if len(sys.argv) > 3 else 0
def recompute(start):
    prev = "0" * 64
    for seq, at, actor, action, st, sid, payload, h in c.execute("SELECT seq, at, actor, action, subject_type, subject_id, payload, hash FROM ledger_entries ORDER BY seq").fetchall():
        if seq >= start:
            h = hashlib.sha256(f"{prev}\n{seq}\n{at}\n{actor}\n{action}\n{st}\n{sid}\n{payload}".encode()).hexdigest()
            c.execute("UPDATE ledger_entries SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, seq))
        prev = h
if what == "rewrite":
    c.execute("UPDATE ledger_entries SET actor = 'mallory' WHERE seq = ?", (arg,)); recompute(arg)
if what == "renumber":
    c.execute("DELETE FROM ledger_entries WHERE seq = ?", (arg,))
    for (s,) in c.execute("SELECT seq FROM ledger_entries WHERE seq > ? ORDER BY seq", (arg,)).fetchall():
        c.execute("UPDATE ledger_entries SET seq = ? WHERE seq = ?", (s - 1, s))
    recompute(arg)
if what == "cut":
    c.execute("DELETE FROM ledger_entries WHERE seq > ?", (arg,)); c.execute("DELETE FROM ledger_checkpoints WHERE seq > ?", (arg,))
else:
    c.execute("DELETE FROM ledger_checkpoints")
c.commit()
PY
}
sleep 4   # older than the 2 s cadence and its 1 s margin
tamper rewrite 21
check "verify rewritten and recomputed, checkpoints deleted" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify rewritten"
grep -q "no checkpoint at seq 100" "$T/err" && echo "ok   missing checkpoint named" || { echo "FAIL rewrite message: $(cat "$T/err")"; fails=$((fails+1)); }
check "verify rewritten, against the feed" 1 "$XR" verify --db "$T/anchor/t.sqlite" --key "$AKEY" --checkpoint-seconds 0 --checkpoint "$T/anchor/feed.atom"; one_line "verify rewritten against the feed"
grep -q "checkpoint does not match" "$T/err" && echo "ok   mismatching copy named by its seq: $(grep -o 'sequence number [0-9]*' "$T/err")" || { echo "FAIL feed mismatch message: $(cat "$T/err")"; fails=$((fails+1)); }
tamper renumber 21
check "verify entry deleted and renumbered, checkpoints deleted" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify renumbered"
tamper nocheckpoints
check "verify checkpoints deleted" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify checkpoints deleted"
check "verify checkpoints deleted (times only)" 1 "$XR" verify --db "$T/anchor/t.sqlite" --key "$AKEY" --checkpoint-every 1000000 --checkpoint-seconds 2 --checkpoint-margin 1
grep -q "unsigned since" "$T/err" && echo "ok   unsigned tail named" || { echo "FAIL unsigned tail message: $(cat "$T/err")"; fails=$((fails+1)); }
tamper cut 250
check "verify tail cut" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify tail cut"
grep -q "entries after the last checkpoint (seq 201–250) are unsigned" "$T/err" && echo "ok   cut tail named" || { echo "FAIL cut tail message: $(cat "$T/err")"; fails=$((fails+1)); }
tamper cut 300
# the chain alone cannot tell a cut behind a checkpoint without a copy; but the demo's matter closed two ballot
# sessions after seq 300, and their stored boxes no longer have their closing entries (LED-2 box check)
check "verify cut behind a checkpoint, boxes without their closing entries" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify cut behind a checkpoint"
grep -q "no ballot.session.closed entry" "$T/err" && echo "ok   cut found by the box check" || { echo "FAIL cut behind a checkpoint message: $(cat "$T/err")"; fails=$((fails+1)); }
check "verify cut behind a checkpoint, with the feed" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}" --checkpoint "$T/anchor/feed.atom"; one_line "verify cut with feed"
grep -q "truncated" "$T/err" && echo "ok   cut named with the feed" || { echo "FAIL cut message: $(cat "$T/err")"; fails=$((fails+1)); }

# LED-3: the person's table from the command line, a line of it changed in the database, and the verifier naming it
MID=$("$XR" matter list --db "$ADB" | grep "青岚县财政局副局长选拔" | head -1 | cut -f1)
PID_=$("$XR" matter record --db "$ADB" --key "$AKEY" --matter "$MID" | awk -F'\t' '$4 == "考察对象" {print $1; exit}')
check "matter table" 0 "$XR" matter table --db "$ADB" --key "$AKEY" --matter "$MID" --person "$PID_"
SEQ=$(awk -F'\t' '$3 ~ /^确定考察对象/ {print $1; exit}' <<<"$out")
[ -n "$SEQ" ] && echo "ok   the table has the choice for inspection at seq $SEQ" || { echo "FAIL no 确定考察对象 line: $out"; fails=$((fails+1)); }
check "ledger show" 0 "$XR" ledger show --db "$ADB" --seq "$SEQ"
grep -q "matter.target (确定考察对象)" <<<"$out" && echo "ok   ledger show prints the entry in words" || { echo "FAIL ledger show: $out"; fails=$((fails+1)); }
check "matter table, unknown person" 2 "$XR" matter table --db "$ADB" --key "$AKEY" --matter "$MID" --person 00000000-0000-0000-0000-000000000000; one_line "unknown person"
if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then
  check "matter table --pdf" 0 "$XR" matter table --db "$ADB" --key "$AKEY" --matter "$MID" --person "$PID_" --pdf "$T/table.pdf"
  head -c 5 "$T/table.pdf" | grep -q "%PDF-" && echo "ok   an A4 PDF of the table" || { echo "FAIL no PDF"; fails=$((fails+1)); }
fi
check "matter table --pdf without chromium" 1 env PATH=/nonexistent XUANREN_CHROMIUM= "$XR" matter table --db "$ADB" --key "$AKEY" --matter "$MID" --person "$PID_" --pdf "$T/none.pdf"; one_line "pdf without chromium"
cp "$ADB" "$T/anchor/t.sqlite"
python3 - "$T/anchor/t.sqlite" "$SEQ" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE ledger_entries SET payload = replace(payload, 'reason_hmac', 'reason_hmaC') WHERE seq = ?", (int(sys.argv[2]),)); c.commit()
PY
check "verify a table line's entry edited" 1 "$XR" verify --db "$T/anchor/t.sqlite" "${VOPTS[@]}"; one_line "verify table line edited"
grep -q "first bad sequence number $SEQ:" "$T/err" && echo "ok   verify names the table's seq $SEQ" || { echo "FAIL verify message: $(cat "$T/err")"; fails=$((fails+1)); }
check "ledger show of the edited entry" 1 "$XR" ledger show --db "$T/anchor/t.sqlite" --seq "$SEQ"; one_line "ledger show edited"

# CHK-2: a drawn check's sample printed twice from its seed: the same list, the recorded one; the demo's check (planned,
# not drawn) is refused as a conflict, an unknown check as bad input
SDB="$T/sample.sqlite"
"$XR" cadre seed --count 5 --db "$SDB" --key "$T/sample.key" >/dev/null
read -r _ CID _ SEED < <("$XR" check bench-sample --files 30 --db "$SDB" --key "$T/sample.key" | tail -1)
check "sample" 0 "$XR" sample --db "$SDB" --check "$CID" --seed "$SEED"; first="$out"
check "sample again" 0 "$XR" sample --db "$SDB" --check "$CID" --seed "$SEED"
[ "$out" = "$first" ] && [ "$(wc -l <<<"$out")" -ge 13 ] && grep -q "与检查记录的抽取结果一致" <<<"$out" && echo "ok   the same sample from the same seed, as recorded" || { echo "FAIL sample: $out"; fails=$((fails+1)); }
check "sample --json" 0 "$XR" sample --db "$SDB" --check "$CID" --json
grep -q '"format":"xuanren.check-sample/1"' <<<"$out" && grep -q '"matchesRecorded":true' <<<"$out" && echo "ok   sample --json" || { echo "FAIL sample --json: $out"; fails=$((fails+1)); }
DCID=$("$XR" check list --db "$ADB" | grep "教育局选人用人工作检查" | head -1 | cut -f1)
check "sample, not drawn yet" 3 "$XR" sample --db "$ADB" --check "$DCID"; one_line "sample not drawn"
check "sample, unknown check" 2 "$XR" sample --db "$ADB" --check 00000000-0000-0000-0000-000000000000; one_line "sample unknown check"


# registry: import (dry run, all-or-nothing, good-only, zip, merge), export round trip, audit, eligible
RDB="$T/reg.sqlite"
check "registry demo" 0 "$XR" cadre seed --count 30 --with-ids --db "$RDB"
mkdir -p "$T/lrmx"
check "cadre export lrmx" 0 "$XR" cadre export --format lrmx --out "$T/lrmx" --db "$RDB"
[ "$(ls "$T/lrmx" | wc -l)" -ge 30 ] && echo "ok   one .lrmx per cadre" || { echo "FAIL lrmx export count"; fails=$((fails+1)); }
check "cadre export csv" 0 "$XR" cadre export --format csv --out "$T/all.csv" --db "$RDB"
head -c 3 "$T/all.csv" | od -An -tx1 | grep -q "ef bb bf" && echo "ok   CSV starts with a BOM" || { echo "FAIL CSV BOM"; fails=$((fails+1)); }
R2="$T/reg2.sqlite"
"$XR" cadre seed --count 0 --db "$R2" >/dev/null
check "cadre import dry run" 0 "$XR" cadre import "$T/lrmx" --unit fin --dry-run --db "$R2"
(cd "$T/lrmx" && zip -qr "$T/all.zip" .)
check "cadre import zip" 0 "$XR" cadre import "$T/all.zip" --unit fin --db "$R2"
check "cadre import again refused" 2 "$XR" cadre import "$T/all.zip" --unit fin --db "$R2"; one_line "duplicate import"
check "cadre import merge" 0 "$XR" cadre import "$T/all.zip" --unit fin --merge --db "$R2"
"$XR" cadre export --format lrmx --out "$T/lrmx2" --db "$R2" >/dev/null
python3 - "$T/lrmx" "$T/lrmx2" <<'PY' && echo "ok   LRMX import → export gives the same files" || { echo "FAIL LRMX round trip"; fails=$((fails+1)); }
import os, sys, re
def load(d):
    out = {}
    for n in os.listdir(d):
        t = open(os.path.join(d, n), encoding="utf-8").read()
        out[re.search(r"<ShenFenZheng>(.*?)</ShenFenZheng>", t).group(1) + re.search(r"<XingMing>(.*?)</XingMing>", t).group(1)] = t
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
sys.exit(0 if a == b and len(a) >= 30 else 1)
PY
printf '姓名,性别,出生年月,职级\n甲,男,1985.04,科员\n乙,男,1985.13,处长\n' > "$T/bad.csv"
check "cadre import bad rows refused" 2 "$XR" cadre import "$T/bad.csv" --unit fin --db "$R2"
grep -q "第3行" <<<"$out" && echo "ok   bad row named by line" || { echo "FAIL bad row line: $out"; fails=$((fails+1)); }
check "cadre import good rows only" 0 "$XR" cadre import "$T/bad.csv" --unit fin --good-only --db "$R2"
printf '<?xml version="1.0"?><!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]><Person><XingMing>&x;</XingMing></Person>' > "$T/xxe.lrmx"
check "cadre import XXE refused" 2 "$XR" cadre import "$T/xxe.lrmx" --unit fin --db "$R2"
grep -q "DOCTYPE" <<<"$out" && ! grep -q "root:" <<<"$out" && echo "ok   XXE refused, nothing read" || { echo "FAIL XXE: $out"; fails=$((fails+1)); }
"$XR" cadre audit --db "$RDB" >"$T/audit.txt"; code=$?
{ [ $code = 0 ] || [ $code = 3 ]; } && grep -q "份档案" "$T/audit.txt" && echo "ok   cadre audit ($code)" || { echo "FAIL cadre audit $code"; fails=$((fails+1)); }
printf '{"referenceDate":{"year":2026,"month":6},"targetGrade":4,"maxAge":45,"minEducation":3,"minYearsInGrade":2,"assessmentYears":3}' > "$T/pos.json"
check "eligible" 0 "$XR" eligible --conditions "$T/pos.json" --db "$RDB"
grep -q "符合条件" <<<"$out" && grep -q "差一项条件" <<<"$out" && echo "ok   eligible lists qualified and near misses" || { echo "FAIL eligible: $out"; fails=$((fails+1)); }
check "eligible unknown position" 2 "$XR" eligible --position nowhere --db "$RDB"; one_line "eligible unknown position"

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

# score (EXM-2/5/6/9, SCR-1…3): the example sheet gives its published result; a broken sheet is exit 2, nothing on
# stdout, one line on stderr naming the JSON path
SX=docs/formats/score-sheet-example.json
"$XR" score "$SX" --json > "$T/score.json"
python3 - "$T/score.json" docs/formats/score-sheet-example.result.json <<'PY' && echo "ok   score example matches" || { echo "FAIL score example"; fails=$((fails+1)); }
import json, sys
sys.exit(0 if json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])) else 1)
PY
"$XR" score "$SX" | grep -q "确定为考察人选" && echo "ok   score zh table" || { echo "FAIL score zh table"; fails=$((fails+1)); }
env -u LC_ALL LANG=en_US.UTF-8 "$XR" score "$SX" | grep -q "shortlisted" && echo "ok   score English table" || { echo "FAIL score English table"; fails=$((fails+1)); }
sed 's/"written": 86.5/"written": 106.5/' "$SX" > "$T/score-bad.json"
check "score above max" 2 "$XR" score "$T/score-bad.json"; one_line "score above max"
[ -z "$out" ] && grep -q '\$.applicants\[0\].scores.written' "$T/err" && echo "ok   score error names the path, nothing on stdout" || { echo "FAIL score error: $(cat "$T/err")"; fails=$((fails+1)); }
head -c 300 "$SX" > "$T/score-cut.json"
check "score truncated" 2 "$XR" score "$T/score-cut.json"; one_line "score truncated"
check "score missing file" 2 "$XR" score "$T/nope.json"
# a large sheet is read by two threads (the second from the first line break after the middle): the same bytes as
# the same sheet without line breaks, which one thread reads; an error in its second half names its path
python3 scripts/gen-score-sheet.py 40000 "$T/big.json"
python3 - "$T/big.json" "$T/big-one-line.json" "$T/big-bad.json" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(text.replace(",\n{", ",{"))
open(sys.argv[3], "w", encoding="utf-8").write(re.sub(r'("id":"A030000",[^\n]*?"written":)[0-9.]+', r'\g<1>106.5', text))
PY
"$XR" score "$T/big.json" --json > "$T/big.out"; "$XR" score "$T/big-one-line.json" --json > "$T/big-one.out"
[ -s "$T/big.out" ] && cmp -s "$T/big.out" "$T/big-one.out" && echo "ok   score 40,000 applicants: two reading threads give one thread's bytes" || { echo "FAIL score large sheet differs"; fails=$((fails+1)); }
check "score large sheet, error in the second half" 2 "$XR" score "$T/big-bad.json"; one_line "score large error"
grep -q '\$.applicants\[30000\].scores.written' "$T/err" && echo "ok   its path is named" || { echo "FAIL score large error: $(cat "$T/err")"; fails=$((fails+1)); }

# calendar (PUB-1): publicity periods over the shipped holiday calendar, no database; a year without data is refused
check "calendar end working days" 0 "$XR" calendar end --published 2025-09-30 --working-days 5
[ "$out" = "2025-10-14" ] && echo "ok   2025-09-30 + 5 working days = 2025-10-14" || { echo "FAIL calendar end: $out"; fails=$((fails+1)); }
check "calendar end calendar days" 0 "$XR" calendar end --published 2025-09-30 --calendar-days 7
[ "$out" = "2025-10-07" ] && echo "ok   2025-09-30 + 7 calendar days = 2025-10-07" || { echo "FAIL calendar days: $out"; fails=$((fails+1)); }
check "calendar end --json" 0 "$XR" calendar end --published 2025-09-30 --working-days 5 --json
python3 - "$out" <<'PY' && echo "ok   calendar JSON: published, ends, every counted day" || { echo "FAIL calendar JSON: $out"; fails=$((fails+1)); }
import json, sys
d = json.loads(sys.argv[1])
sys.exit(0 if list(d) == ["published", "ends", "days"] and d["published"] == "2025-09-30" and d["ends"] == "2025-10-14"
         and d["days"] == ["2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14"] else 1)
PY
check "calendar end into 2027 (no data)" 2 env -u LC_ALL LANG=en_US.UTF-8 "$XR" calendar end --published 2026-12-28 --working-days 5; one_line "calendar no data"
grep -q "no holiday calendar data for 2027" "$T/err" && [ -z "$out" ] && echo "ok   missing year named, nothing on stdout" || { echo "FAIL calendar no data: $(cat "$T/err")"; fails=$((fails+1)); }
check "calendar end malformed date" 2 "$XR" calendar end --published 2025-13-01 --working-days 5; one_line "calendar malformed date"
check "calendar end malformed count" 2 "$XR" calendar end --published 2025-09-30 --working-days five; one_line "calendar malformed count"
printf '{\n  "format": "xuanren.holiday-calendar/1",\n  "years": [{"year": 2025, "notice": {"title": "t", "date": "2024-11-12"}, "off": ["2025-10-32"]}]\n}\n' > "$T/cal.json"
check "calendar end malformed file" 2 env -u LC_ALL LANG=zh_CN.UTF-8 "$XR" calendar end --published 2025-09-30 --working-days 5 --calendar "$T/cal.json"; one_line "calendar malformed file"
grep -q "第3行" "$T/err" && echo "ok   bad calendar file named by line" || { echo "FAIL calendar file line: $(cat "$T/err")"; fails=$((fails+1)); }

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
