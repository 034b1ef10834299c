#!/usr/bin/env python3
"""A burst of public reports over HTTP (CAS-1), on SQLite or PostgreSQL, with a durability check.

usage: load-report.py [--seconds 10] [--concurrency 64] [--procs 4] [--postgres postgres://…/fresh_db] [--bin PATH]

Target (issue #16): >= 500 durable reports/s at 64 clients, p99 <= 100 ms, as a ratio to /healthz in the same run.

Starts `xuanren serve --demo --report-daily-limit 0` (release build) on a fresh SQLite file (or a fresh PostgreSQL
database), measures /healthz at the same concurrency, then lets C clients post reports through the public form (no
session: each POST stands alone, on keep-alive connections). Prints reports/s, p50/p99, /healthz requests/s and the
ratio. Then the server is killed with SIGKILL, restarted on the same database, and every case number a client received
must be in the database's `report_cases`. Exit 1 if one is missing.
"""
import argparse, http.client, multiprocessing as mp, os, re, shutil, signal, subprocess, sys, tempfile, threading, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST, PORT = "127.0.0.1", 18392
NUMBER = re.compile(rb"JB\d{4}-\d{8}")


def request(c, method, path, body=None, headers=None):
    h = {"Accept-Language": "zh-CN", "Connection": "keep-alive"}
    h.update(headers or {})
    if body is not None:
        h["Content-Type"] = "application/x-www-form-urlencoded"
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    return r.status, r.read(), r


def unit_id():
    c = http.client.HTTPConnection(HOST, PORT, timeout=30)
    _, page, _ = request(c, "GET", "/report")
    m = re.search(rb'<option value="([0-9A-F-]{36})">[^<]*\xe8\xb4\xa2\xe6\x94\xbf\xe5\xb1\x80', page)   # 财政局
    return (m or re.search(rb'<option value="([0-9A-F-]{36})">', page)).group(1).decode()


def worker(args):
    (clients, seconds, unit, barrier) = args
    results, errors = [], []
    lock = threading.Lock()

    def run(g):
        c = http.client.HTTPConnection(HOST, PORT, timeout=60)
        deadline = time.perf_counter() + seconds
        j = 0
        while time.perf_counter() < deadline:
            j += 1
            body = urllib.parse.urlencode({"unit": unit, "kind": "procedure", "person": "",
                                           "text": f"压测举报第{g}-{j}件：某单位选拔干部未按规定程序进行，请查核。"}).encode()
            t = time.perf_counter()
            try:
                st, page, _ = request(c, "POST", "/report", body)
            except Exception as e:
                with lock: errors.append(repr(e)[:80])
                c.close(); c = http.client.HTTPConnection(HOST, PORT, timeout=60)
                continue
            dt = time.perf_counter() - t
            m = NUMBER.search(page)
            with lock:
                if st == 200 and m: results.append((m.group(0).decode(), dt))
                else: errors.append(f"{st}")

    barrier.wait()
    threads = [threading.Thread(target=run, args=(g,), daemon=True) for g in clients]
    for t in threads: t.start()
    for t in threads: t.join()
    return results, errors


def healthz(args):
    (n, seconds, barrier) = args
    counts = [0] * n

    def run(i):
        c = http.client.HTTPConnection(HOST, PORT, timeout=30)
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            request(c, "GET", "/healthz"); counts[i] += 1

    barrier.wait()
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(n)]
    for t in threads: t.start()
    for t in threads: t.join()
    return sum(counts)


def start(binary, env):
    log = open(os.path.join(env["XR_TMP"], "serve.log"), "ab")
    p = subprocess.Popen([binary, "serve", "--demo", "--db", env["XR_DB"], "--key", env["XR_KEY"], "--port", str(PORT), "--root", ROOT,
                          "--report-daily-limit", "0"], cwd=ROOT, env=env, stdout=log, stderr=log)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection(HOST, PORT, timeout=2)
            if request(c, "GET", "/healthz")[0] == 200: return p
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def split(n, parts):
    return [list(range(i, n, parts)) for i in range(parts)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--postgres")
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/xuanren"))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="xr-load-report-")
    env = dict(os.environ, XR_TMP=tmp, XR_KEY=os.path.join(tmp, "key"), XR_DB=a.postgres or os.path.join(tmp, "xuanren.sqlite"))
    server = start(a.bin, env)
    try:
        unit = unit_id()
        ctx = mp.get_context("fork")
        with ctx.Pool(a.procs) as pool:
            b = ctx.Manager().Barrier(a.procs)
            hz = sum(pool.map(healthz, [(len(ids), 3, b) for ids in split(a.concurrency, a.procs)]))
            hz_rate = hz / 3
            b = ctx.Manager().Barrier(a.procs)
            t0 = time.perf_counter()
            out = pool.map(worker, [(ids, a.seconds, unit, b) for ids in split(a.concurrency, a.procs)])
            elapsed = time.perf_counter() - t0
        results = [r for o in out for r in o[0]]
        errors = [e for o in out for e in o[1]]
        lat = sorted(dt for _, dt in results)
        rate = len(results) / a.seconds
        p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000 if lat else float("nan")
        print(f"reports: {len(results)} in {a.seconds:.0f} s = {rate:.0f}/s; p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms; errors {len(errors)} {errors[:3]}")
        print(f"/healthz: {hz_rate:.0f} req/s; ratio {rate / hz_rate:.3f}; load average {os.getloadavg()[0]:.2f}")
        # durability: kill -9, restart (migrations and checks run), then every number a client got is in the database
        server.send_signal(signal.SIGKILL); server.wait()
        server = start(a.bin, env)
        if a.postgres:
            out = subprocess.run(["psql", a.postgres, "-At", "-c", "SELECT number FROM report_cases"], capture_output=True, text=True, check=True).stdout
            stored = set(out.split())
        else:
            import sqlite3
            stored = set(r[0] for r in sqlite3.connect(env["XR_DB"]).execute("SELECT number FROM report_cases"))
        missing = [n for n, _ in results if n not in stored]
        print(f"durability: {len(results) - len(missing)} of {len(results)} numbers stored after kill -9 and restart")
        if missing or not results: sys.exit(1)
    finally:
        server.send_signal(signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
