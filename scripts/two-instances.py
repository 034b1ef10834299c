#!/usr/bin/env python3
"""Two app instances on one PostgreSQL database: the same code cast on both at the same moment gives
exactly one ballot.   usage: scripts/two-instances.py postgres://…/EMPTY_DATABASE [--codes 100]"""
import argparse, importlib.util, json, os, re, subprocess, sys, tempfile, threading, urllib.request

spec = importlib.util.spec_from_file_location("lv", os.path.join(os.path.dirname(os.path.abspath(__file__)), "load-vote.py"))
lv = importlib.util.module_from_spec(spec); spec.loader.exec_module(lv)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--codes", type=int, default=100)
    a = ap.parse_args()
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "xuanren"], cwd=lv.ROOT, stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="xuanren-two-")
    os.environ["XUANREN_KEY"] = os.path.join(tmp, "shared.key")    # both instances share the key file
    lv.PORT, lv.BASE = 18383, "http://127.0.0.1:18383"
    first = lv.start(a.url, os.path.join(tmp, "a.log"))
    lv.PORT, lv.BASE = 18384, "http://127.0.0.1:18384"
    second = lv.start(a.url, os.path.join(tmp, "b.log"))
    bases = ["http://127.0.0.1:18383", "http://127.0.0.1:18384"]
    lv.BASE = bases[0]
    C = lv.Client
    org, sid, codes = lv.open_approval_session("双实例测试", a.codes, "王明")
    # one voter client per instance, each with its own session and CSRF token
    voters = []
    for base in bases:
        lv.BASE = base
        v = C(); _, h = v.get(f"/vote/{sid}"); voters.append((base, v, C.csrf(h)))
    wins = {c: 0 for c in codes}
    lock = threading.Lock()
    def cast(base, v, csrf, code):
        lv.BASE = base   # Client reads the module-level BASE; each thread sets it right before its request
        data = urllib.parse.urlencode({"_csrf": csrf, "code": code, "vote_c1": "yes"}).encode()
        try:
            with v.op.open(urllib.request.Request(f"{base}/vote/{sid}/cast", data=data), timeout=30) as r:
                ok = r.status == 200 and "tracking mono" in r.read().decode()
        except urllib.error.HTTPError:
            ok = False
        if ok:
            with lock: wins[code] += 1
    for code in codes:
        ts = [threading.Thread(target=cast, args=(base, v, csrf, code)) for base, v, csrf in voters]
        for t in ts: t.start()
        for t in ts: t.join()
    lv.BASE = bases[1]
    lv.close_session(org, sid)
    box = json.loads(urllib.request.urlopen(f"{bases[0]}/ballots/{sid}/box.json").read())
    first.terminate(); second.terminate(); first.wait(); second.wait()
    once = sum(1 for n in wins.values() if n == 1)
    print(f"{len(codes)} codes each cast on both instances at once: exactly one ballot for {once}, two for {sum(1 for n in wins.values() if n > 1)}, none for {sum(1 for n in wins.values() if n == 0)}; ballots in the box {len(box['ballots'])}")
    ok = once == len(codes) and len(box["ballots"]) == len(codes)
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    import urllib.parse
    main()
