#!/usr/bin/env python3
"""Casting throughput over HTTP with wrk: POST /vote/<id>/cast with a fresh code per request, 64 connections,
against the same server's /healthz. Every 200 response is a confirmed ballot; the box must hold exactly them.

usage: scripts/bench-vote.py [--db sqlite|postgres://…] [--codes 60000] [--seconds 10] [--connections 64]
"""
import argparse, json, os, re, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util
spec = importlib.util.spec_from_file_location("lv", os.path.join(os.path.dirname(os.path.abspath(__file__)), "load-vote.py"))
lv = importlib.util.module_from_spec(spec); spec.loader.exec_module(lv)

LUA = r'''
local codes = {}
for line in io.lines("%(codes)s") do codes[#codes + 1] = line end
local counter = 0
local offset = 0
local step = 1
function setup(thread)
  thread:set("offset", %(threads_seen)s)
end
function init(args)
  offset = tonumber(wrk.thread:get("offset")) or 0
end
local n = 0
request = function()
  n = n + 1
  local i = (n - 1) * %(threads)d + offset + 1
  local code = codes[i] or "0000-0000-0000-00"
  local body = "code=" .. code .. "&vote_c1=yes&vote_c2=abstain"
  return wrk.format("POST", "/vote/%(sid)s/cast", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
'''

def wrk(args, url, script=None, seconds=None):
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds or args.seconds}s", "--latency"] + (["-s", script] if script else []) + [url]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return rate, p99ms, total - (int(non2xx.group(1)) if non2xx else 0), out

WARM_CODES = 10000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default="sqlite")
    ap.add_argument("--codes", type=int, default=60000)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--warm-up", type=int, default=2, help="seconds of casting before the measured run (0: none)")
    ap.add_argument("--cpu", action="store_true", help="print the server's and wrk's CPU use during the cast run")
    ap.add_argument("--perf", help="record the server with perf during the cast run into this file")
    args = ap.parse_args()
    root = lv.ROOT
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "xuanren"], cwd=root, stdout=subprocess.DEVNULL)
    tmp = tempfile.mkdtemp(prefix="xuanren-benchvote-")
    db = os.path.join(tmp, "v.sqlite") if args.db == "sqlite" else args.db
    os.environ["XUANREN_KEY"] = os.path.join(tmp, "instance.key")
    server = lv.start(db, os.path.join(tmp, "serve.log"))
    C = lv.Client
    try:
        org, sid, codes = lv.open_approval_session("吞吐量测试", args.codes + WARM_CODES, "王明\n李华")
    except SystemExit:
        server.terminate(); raise
    # voters have no session and no cookie: the voting pages are sessionless
    def cast_script(name, some):
        with open(os.path.join(tmp, name + ".txt"), "w") as f: f.write("\n".join(some) + "\n")
        # each wrk thread takes every `threads`-th code starting at its own offset
        script = LUA.replace('thread:set("offset", %(threads_seen)s)', 'thread:set("offset", tostring(__seen)); __seen = __seen + 1')
        with open(os.path.join(tmp, name + ".lua"), "w") as f:
            f.write("__seen = 0\n" + script % {"codes": os.path.join(tmp, name + ".txt"), "sid": sid, "threads": args.threads})
        return os.path.join(tmp, name + ".lua")
    # warm-up (the first casts open database connections and load templates), with codes of its own
    warm_ok = wrk(args, f"{lv.BASE}/vote/{sid}/cast", cast_script("warm", codes[:WARM_CODES]), seconds=args.warm_up)[2] if args.warm_up > 0 else 0
    codes = codes[WARM_CODES:]
    lua = cast_script("cast", codes)
    perf = subprocess.Popen(["perf", "record", "-g", "-o", args.perf, "-p", str(server.pid), "--", "sleep", str(args.seconds)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if args.perf else None
    cpu = subprocess.Popen(["bash", "-c", f"sleep 2; t0=$(awk '{{print $14+$15}}' /proc/{server.pid}/stat); sleep 4; "
                            f"t1=$(awk '{{print $14+$15}}' /proc/{server.pid}/stat); echo $(( (t1 - t0) / 4 ))"],
                           stdout=subprocess.PIPE, text=True) if args.cpu else None
    rate, p99, ok, out = wrk(args, f"{lv.BASE}/vote/{sid}/cast", lua)
    if cpu: print(f"server CPU during the cast run: {cpu.communicate()[0].strip()} % (of {os.cpu_count()} cores × 100 %)")
    if perf: perf.wait()
    hrate, hp99, _, _ = wrk(args, f"{lv.BASE}/healthz")
    lv.close_session(org, sid)
    box = json.loads(urllib.request.urlopen(f"{lv.BASE}/ballots/{sid}/box.json").read())
    server.terminate(); server.wait()
    n = len(box["ballots"]) - warm_ok
    print(f"database: {'SQLite (WAL, synchronous=FULL)' if args.db == 'sqlite' else 'PostgreSQL'}; {args.connections} connections, {args.seconds} s"
          f" after a {args.warm_up} s warm-up ({warm_ok} ballots)")
    rate = ok / args.seconds   # confirmed ballots only (wrk's own rate would count refused requests too)
    print(f"cast: {rate:.0f} ballots/s, p99 {p99:.1f} ms; confirmed (200) {ok}, ballots in the box {n}"
          f" ({n - ok} committed while wrk was stopping one of the two runs, their answers unread)")
    print(f"/healthz: {hrate:.0f} requests/s, p99 {hp99:.1f} ms → cast / healthz = {rate / hrate:.2f}")
    if ok > len(codes): print("note: more requests than codes; the extra ones were refused")
    # every confirmed ballot is in the box; the only extra ones are requests in flight when wrk stopped
    sys.exit(0 if ok <= n <= ok + 2 * args.connections else 1)

if __name__ == "__main__":
    main()
