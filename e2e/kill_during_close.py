#!/usr/bin/env python3
"""BAL-9: a server killed with SIGKILL while custodians open the box loses nothing.

Starts `xuanren serve --demo` (the debug build) on a fresh SQLite file, casts ballots, then posts the closing
with two custodians and kills the server at a different moment each round (before, during or after the
closing transaction). After a restart the session is either closed with every ballot in its box, or still
open with every sealed ballot and closable again — never half-closed, never short of a ballot.

usage: python3 e2e/kill_during_close.py [ROUNDS]
"""
import importlib.util, json, os, random, re, signal, subprocess, sys, tempfile, threading, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("lv", os.path.join(HERE, "..", "scripts", "load-vote.py"))
lv = importlib.util.module_from_spec(spec); spec.loader.exec_module(lv)
lv.PORT = 18397
lv.BASE = f"http://127.0.0.1:{lv.PORT}"
BALLOTS = 12


def start(db, log):
    binpath = subprocess.check_output(["swift", "build", "--show-bin-path"], cwd=lv.ROOT, text=True).strip()
    p = subprocess.Popen([os.path.join(binpath, "xuanren"), "serve", "--demo", "--db", db, "--port", str(lv.PORT)], cwd=lv.ROOT,
                         stdout=open(log, "a"), stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(lv.BASE + "/healthz", timeout=1); return p
        except Exception:
            time.sleep(0.1)
    sys.exit("server did not start")


def status(org, sid):
    _, html = org.get(f"/ballots/{sid}")
    return "closed" if "box.json" in html else "open"


def box_count(sid):
    return len(json.loads(urllib.request.urlopen(f"{lv.BASE}/ballots/{sid}/box.json").read())["ballots"])


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    tmp = tempfile.mkdtemp(prefix="xuanren-killclose-")
    db, log = os.path.join(tmp, "k.sqlite"), os.path.join(tmp, "serve.log")
    os.environ["XUANREN_KEY"] = os.path.join(tmp, "instance.key")
    server = start(db, log)
    outcomes = []
    try:
        org = None
        for n in range(rounds):
            if org is None:
                org, sid, codes = lv.open_approval_session(f"强制终止测试 {n}", BALLOTS, "王明\n李华")
            else:
                sid, codes = new_session(org, n)
            for code in codes:
                st, _ = lv.Client().post(f"/vote/{sid}/cast", {"code": code, "vote_c1": "yes", "vote_c2": "no"})
                assert st == 200, st
            delay = [0.0, 0.4, 0.9, 3.0][n % 4] + random.random() * 0.1
            def close_quietly():
                try: lv.close_session(org, sid)
                except Exception: pass   # the server dies under the request: expected
            t = threading.Thread(target=close_quietly)
            t.start()
            time.sleep(delay)
            server.send_signal(signal.SIGKILL); server.wait()
            t.join(timeout=30)
            server = start(db, log)
            org = relogin()
            before = status(org, sid)
            if before == "open":
                page = lv.close_session(org, sid)
                assert status(org, sid) == "closed", re.sub(r"<[^>]+>", " ", page)[:400]
            count = box_count(sid)
            outcomes.append(f"kill after {delay:.2f} s: {before} after restart, {count} of {BALLOTS} ballots in the box")
            assert count == BALLOTS, outcomes[-1]
    finally:
        server.terminate(); server.wait()
    print("\n".join(outcomes))
    print("kill during closing: nothing lost")


def relogin():
    org = lv.Client()
    _, html = org.get("/login")
    org.post("/login", {"username": "organizer", "password": "Load-test-2026", "_csrf": lv.Client.csrf(html)})
    return org


def new_session(org, n):
    _, html = org.get("/ballots/new")
    _, html = org.post("/ballots", {"_csrf": lv.Client.csrf(html), "title": f"强制终止测试 {n}", "kind": "approval", "unit": "org",
                                    "candidates": "王明\n李华", "members": str(BALLOTS), "threshold": "1/2", "quorum": "1/2",
                                    "custodians[]": lv.CUSTODIANS, "custodianThreshold": "2", "disclosure": "public"})
    sid = re.search(r"/vote/([0-9A-F-]{36})", html).group(1)
    _, html = org.get(f"/ballots/{sid}")
    _, slips = org.post(f"/ballots/{sid}/codes", {"_csrf": lv.Client.csrf(html), "category": "members", "count": str(BALLOTS)})
    codes = re.findall(r'class="slip-code mono">([0-9A-Z-]+)<', slips)
    _, html = org.get(f"/ballots/{sid}")
    org.post(f"/ballots/{sid}/open", {"_csrf": lv.Client.csrf(html)})
    return sid, codes


if __name__ == "__main__":
    main()
