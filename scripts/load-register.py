#!/usr/bin/env python3
"""A registration burst over HTTP before the deadline, on SQLite or PostgreSQL, with a durability check.

usage: load-register.py [--registrations 5000 | --seconds S] [--concurrency 64] [--procs 1]
                        [--postgres postgres://user:pass@host:port/any?sslmode=disable] [--kill-mid] [--bin PATH]
       (run from the repository root or anywhere: paths are taken from this file)

Target (issue): >= 1,000 durable registrations/s at 64 clients, p99 <= 100 ms, as a ratio to /healthz in the same run.

Starts `xuanren serve --demo` (release build of the `xuanren` product) on a fresh SQLite file, or with --postgres on
a fresh database created on that server, finds the demo's open selection ("青岚县城关镇副镇长公开选拔") from the
organizer's matter list, warms up, measures /healthz at the same concurrency for a few seconds, then lets C clients
register outside applicants through the public form (each client: one GET for its session cookie and CSRF token, then
POSTs with fresh valid identity numbers, on one keep-alive connection). Prints registrations/s, p50/p99 of the POST,
/healthz requests/s and the ratio, and the load average.

Durability: after the burst the server is killed with SIGKILL (no shutdown), restarted on the same database, and every
applicant whose success page reached the client must be listed on the organizer's competition page (and counted in
the database directly). With --kill-mid the SIGKILL lands in the middle of the burst instead. Exit 1 if a success
was lost (or nothing succeeded).
"""
import argparse, atexit, http.client, http.cookiejar, multiprocessing as mp, os, re, shutil, signal, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST, PORT = "127.0.0.1", 18391
BASE = f"http://{HOST}:{PORT}"
TITLE = "青岚县城关镇副镇长公开选拔"
NAME_PREFIX = "压测"           # applicant names: 压测<index>, unique per run
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
ORG_PASSWORDS = ("Demo-2026-xr", "Load-register-2026")


def resident(n):
    """The n-th identity number (GB 11643): region 110105 (not used by the demo), a birth date from 1985-01-01 on
    (one day per 1,000), a 3-digit sequence, the mod-11 check character."""
    day, seq = divmod(n, 1000)
    t = time.gmtime(473385600 + day * 86400)   # 1985-01-01 UTC
    digits = f"110105{t.tm_year:04d}{t.tm_mon:02d}{t.tm_mday:02d}{seq:03d}"
    return digits + CHECK[sum(int(d) * w for d, w in zip(digits, WEIGHTS)) % 11]


def form_for(n):
    return {"position": "p1", "resident": resident(n), "consent": "1", "name": f"{NAME_PREFIX}{n}", "phone": "13800000000",
            "party": "1", "workStart": "2010-07", "fullTime": "4", "grade": "3", "gradeSince": "2020-03",
            "unit": "邻县发改局", "post": "科员", "resume": "2010.07— 邻县发改局科员", "a1": "2", "a2": "2", "a3": "3"}


CSRF = re.compile(rb'name="_csrf" value="([0-9a-f]+)"')
DONE = "报名已提交".encode()   # the success notice (Accept-Language: zh-CN)


class Conn:
    """One keep-alive connection with its own cookies (Set-Cookie name=value only: the server sets host-only cookies)."""

    def __init__(self):
        self.c = http.client.HTTPConnection(HOST, PORT, timeout=60)
        self.cookies = {}

    def request(self, method, path, body=None):
        headers = {"Accept-Language": "zh-CN", "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            try:
                self.c.request(method, path, body=body, headers=headers)
                r = self.c.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.c.close()
                if attempt or body is not None:   # a POST is not retried: it may have been applied
                    raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if r.getheader("Connection", "").lower() == "close":
            self.c.close()
        return r.status, data


def client_worker(args):
    """One process's clients (threads). Returns (successes [(n, latency s)], refusals [(n, status, text)], errors, t_start, t_end)."""
    (mid, ids, count, seconds, concurrency, barrier, start_at) = args
    ok, refused, errors = [], [], []
    lock = threading.Lock()
    ready = threading.Barrier(len(ids) + 1)
    timings = {}

    def run(g):
        c = Conn()
        try:
            _, page = c.request("GET", f"/matters/{mid}/apply")
            token = CSRF.search(page).group(1).decode()
        except Exception as e:
            with lock: errors.append(("form", repr(e)[:100]))
            ready.wait(); return
        ready.wait()
        deadline = time.perf_counter() + seconds if seconds else None
        j = 0
        while True:
            n = start_at + g + j * concurrency
            j += 1
            if count is not None and n >= start_at + count: break
            if deadline and time.perf_counter() >= deadline: break
            body = urllib.parse.urlencode(dict(form_for(n), _csrf=token)).encode()
            t = time.perf_counter()
            try:
                st, page = c.request("POST", f"/matters/{mid}/apply", body)
            except Exception as e:
                with lock: errors.append((n, repr(e)[:100]))
                if isinstance(e, (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)):
                    break   # the server is gone (--kill-mid)
                continue
            dt = time.perf_counter() - t
            with lock:
                if st == 200 and DONE in page:
                    ok.append((n, dt))
                else:
                    m = re.search(rb'class="notice err" role="alert">(.*?)</', page, re.S)
                    refused.append((n, st, (m.group(1) if m else page[:200]).decode("utf-8", "replace")))
        timings.setdefault("end", [])
        timings["end"].append(time.perf_counter())

    threads = [threading.Thread(target=run, args=(g,), daemon=True) for g in ids]
    for t in threads: t.start()
    ready.wait()                       # every client of this process holds its form
    if barrier is not None: barrier.wait()   # and every process's
    timings["t0"] = time.perf_counter()
    for t in threads: t.join()
    return ok, refused, errors, timings["t0"], max(timings.get("end", [timings["t0"]]))


def healthz_worker(args):
    (ids, seconds, barrier) = args
    counts = [0] * len(ids)
    stop = threading.Event()

    def run(i):
        c = Conn()
        while not stop.is_set():
            c.request("GET", "/healthz"); counts[i] += 1

    if barrier is not None: barrier.wait()
    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(len(ids))]
    t0 = time.perf_counter()
    for t in threads: t.start()
    time.sleep(seconds); stop.set()
    for t in threads: t.join()
    return sum(counts), time.perf_counter() - t0


def fan_out(worker, per_proc_args, procs):
    """Runs worker over the argument tuples, in-process when procs == 1, else one process each."""
    if procs == 1:
        return [worker(per_proc_args[0])]
    with mp.get_context("fork").Pool(procs) as pool:
        return pool.map(worker, per_proc_args)


def split(ids, procs):
    return [ids[i::procs] for i in range(procs)]


# ---- the server ----------------------------------------------------------------------------------------------

def binary(args):
    if args.bin: return args.bin
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "xuanren"], cwd=ROOT, stdout=subprocess.DEVNULL)
    return os.path.join(subprocess.check_output(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, text=True).strip(), "xuanren")


SERVERS = []


def stop_servers():
    for p in SERVERS:
        if p.poll() is None:
            p.kill(); p.wait()


def start(exe, db, key, log):
    p = subprocess.Popen([exe, "serve", "--demo", "--db", db, "--key", key, "--port", str(PORT), "--root", ROOT], cwd=ROOT,
                         stdout=open(log, "a"), stderr=subprocess.STDOUT)
    SERVERS.append(p)
    for _ in range(600):
        if p.poll() is not None: sys.exit(f"server exited with {p.returncode}; see {log}")
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1); return p
        except Exception:
            time.sleep(0.1)
    sys.exit(f"server did not start; see {log}")


def fresh_postgres(url):
    """Creates a fresh database on the server of `url` (psql with the URL's user and password); returns its URL."""
    u = urllib.parse.urlsplit(url)
    name = f"xr_loadreg_{os.getpid()}_{int(time.time())}"
    env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(u.password or ""))
    subprocess.check_call(["psql", "-h", u.hostname, "-p", str(u.port or 5432), "-U", urllib.parse.unquote(u.username or "postgres"),
                           "-d", "postgres", "-qAtc", f"CREATE DATABASE {name}"], env=env)
    return u._replace(path="/" + name).geturl(), name


def db_count(db):
    """Applicants named by this script, counted in the database itself."""
    q = f"SELECT count(*) FROM applicants WHERE name LIKE '{NAME_PREFIX}%'"
    if db.startswith("postgres"):
        u = urllib.parse.urlsplit(db)
        env = dict(os.environ, PGPASSWORD=urllib.parse.unquote(u.password or ""))
        return int(subprocess.check_output(["psql", "-h", u.hostname, "-p", str(u.port or 5432), "-U", urllib.parse.unquote(u.username),
                                            "-d", u.path.lstrip("/"), "-qAtc", q], env=env, text=True).strip())
    import sqlite3
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return c.execute(q).fetchone()[0]


class Admin:
    """The organizer's browser (urllib with cookies), for the matter id and the competition page."""

    def __init__(self):
        self.op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.op.addheaders = [("Accept-Language", "zh-CN")]

    def get(self, path):
        with self.op.open(BASE + path, timeout=120) as r:
            return r.read().decode()

    def post(self, path, form, page):
        token = re.search(r'name="_csrf" value="([0-9a-f]+)"', self.get(page)).group(1)
        try:
            with self.op.open(urllib.request.Request(BASE + path, data=urllib.parse.urlencode({**form, "_csrf": token}).encode()), timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def sign_in(self):
        """The demo organizer: the seeded password and the forced change at the first sign-in; the changed one after."""
        for pw in ORG_PASSWORDS:
            try:
                self.post("/login", {"username": "organizer", "password": pw}, "/login")
                if pw == ORG_PASSWORDS[0]:
                    self.post("/account/password", {"currentPassword": pw, "newPassword": ORG_PASSWORDS[1],
                                                     "confirmPassword": ORG_PASSWORDS[1]}, "/account/password")
                if TITLE in self.get("/matters"): return self
            except (urllib.error.HTTPError, AttributeError):
                pass
        sys.exit("could not sign in as organizer (or no matter titled " + TITLE + ")")

    def matter_id(self):
        page = self.get("/matters")
        i = page.find(TITLE)
        if i < 0: sys.exit(f"no matter titled {TITLE} on /matters")
        ids = [(abs(m.start() - i), m.group(1)) for m in re.finditer(r"/matters/([0-9A-Fa-f-]{36})", page)]
        return min(ids)[1]

    def listed_names(self, mid):
        page = self.get(f"/matters/{mid}/competition")
        return set(int(x) for x in re.findall(NAME_PREFIX + r"(\d+)", page))


def pct(xs, q):
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--registrations", type=int, default=5000, help="registrations to attempt (default 5000)")
    ap.add_argument("--seconds", type=float, help="register for this many seconds instead of a count")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--procs", type=int, default=1, help="client processes sharing the clients (Python's GIL limits one)")
    ap.add_argument("--healthz-seconds", type=float, default=4)
    ap.add_argument("--postgres", metavar="URL", help="PostgreSQL server (a fresh database is created on it)")
    ap.add_argument("--kill-mid", action="store_true", help="SIGKILL the server in the middle of the burst")
    ap.add_argument("--bin", help="use this xuanren binary instead of building")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (database, key, server log)")
    a = ap.parse_args()
    procs = max(1, min(a.procs, a.concurrency))

    exe = binary(a)
    atexit.register(stop_servers)   # also when sys.exit leaves early
    tmp = tempfile.mkdtemp(prefix="xuanren-loadreg-")
    key, log = os.path.join(tmp, "xuanren-ed25519.key"), os.path.join(tmp, "serve.log")
    if a.postgres:
        db, dbname = fresh_postgres(a.postgres)
    else:
        db = os.path.join(tmp, "load.sqlite")
    server = start(exe, db, key, log)
    admin = Admin().sign_in()
    mid = admin.matter_id()

    # warm-up: the form, healthz, and a few registrations (counted in the durability check)
    ids = list(range(a.concurrency))
    fan_out(healthz_worker, [(ids[:8], 1.0, None)], 1)
    warm = client_worker((mid, list(range(8)), 64, None, 8, None, 900_000))
    succeeded = {n for n, _ in warm[0]}
    if warm[1] or warm[2]:
        sys.exit(f"warm-up registrations refused: {(warm[1] + warm[2])[:3]}")

    barrier = mp.get_context("fork").Barrier(procs) if procs > 1 else None
    load0 = os.getloadavg()
    hz = fan_out(healthz_worker, [(part, a.healthz_seconds, barrier) for part in split(ids, procs)], procs)
    healthz_rate = sum(n for n, _ in hz) / max(s for _, s in hz)

    count = None if a.seconds else a.registrations
    killer = None
    if a.kill_mid:
        delay = (a.seconds / 2) if a.seconds else 2.0
        killer = threading.Timer(delay, lambda: server.send_signal(signal.SIGKILL)); killer.start()
    barrier = mp.get_context("fork").Barrier(procs) if procs > 1 else None
    res = fan_out(client_worker, [(mid, part, count, a.seconds, a.concurrency, barrier, 0) for part in split(ids, procs)], procs)
    load1 = os.getloadavg()
    ok = [x for r in res for x in r[0]]
    refused = [x for r in res for x in r[1]]
    errors = [x for r in res for x in r[2]]
    elapsed = max(r[4] for r in res) - min(r[3] for r in res)
    succeeded |= {n for n, _ in ok}

    # durability: SIGKILL (no clean shutdown), restart on the same database, count
    if killer: killer.join()
    if server.poll() is None:
        server.send_signal(signal.SIGKILL)
    server.wait()
    server = start(exe, db, key, log)
    listed = Admin().sign_in().listed_names(mid)
    in_db = db_count(db)
    server.terminate(); server.wait()

    lat = sorted(dt for _, dt in ok)
    rate = len(ok) / elapsed if elapsed > 0 else 0
    lost = succeeded - listed
    print(f"database: {'PostgreSQL ' + dbname if a.postgres else 'SQLite ' + db}; clients {a.concurrency} in {procs} process(es); "
          f"{'kill -9 mid-burst' if a.kill_mid else 'kill -9 after the burst'}, restart, count")
    print(f"load average before/after: {load0[0]:.2f} / {load1[0]:.2f} (1 min), {os.cpu_count()} CPUs")
    print(f"/healthz: {healthz_rate:.0f} requests/s")
    print(f"registrations: {len(ok)} succeeded, {len(refused)} refused, {len(errors)} errors, in {elapsed:.2f} s: {rate:.0f}/s; "
          f"POST p50 {pct(lat, .5):.1f} ms, p99 {pct(lat, .99):.1f} ms, max {pct(lat, 1):.1f} ms")
    print(f"ratio registrations/s : healthz/s = {rate / healthz_rate:.3f}   (target: >= 1000/s, p99 <= 100 ms)")
    for r in refused[:5]: print("  refused:", r)
    for e in errors[:5]: print("  error:", e)
    print(f"durability: {len(succeeded)} success pages (incl. {len(warm[0])} warm-up); after kill -9 and restart: "
          f"{len(listed)} listed on the competition page, {in_db} in the database; success pages lost: {len(lost)}")
    if a.kill_mid:
        print(f"  committed without the client seeing the success (the kill): {len(listed - succeeded)}")
    if a.keep: print("kept", tmp)
    else: shutil.rmtree(tmp, ignore_errors=True)
    good = succeeded and not lost and in_db >= len(succeeded)
    if not a.kill_mid and not errors and not refused:
        good = good and len(listed) == len(succeeded) == in_db
    print("OK" if good else "FAILED")
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
