"""Selection matters over HTTP (issue 13's target: the organizer's matter list and a matter page p95 <= 100 ms).
Usage: bench-matters.py BASE_URL MATTER_ID [N]. Sequential requests after 20 warm-up each; p50/p95/max in ms."""
import http.cookiejar, re, sys, time, urllib.error, urllib.parse, urllib.request

BASE, MATTER = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 200
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
opener.addheaders = [("Accept-Language", "zh-CN")]


def get(path):
    with opener.open(BASE + path, timeout=60) as r:
        return r.read().decode()


def post(path, form, page):
    token = re.search(r'name="_csrf" value="([0-9a-f]+)"', get(page)).group(1)
    data = urllib.parse.urlencode({**form, "_csrf": token}).encode()
    with opener.open(urllib.request.Request(BASE + path, data=data), timeout=60) as r:
        return r.read().decode()


for _ in range(300):
    try:
        get("/healthz"); break
    except Exception:
        time.sleep(0.2)
try:
    page = post("/login", {"username": "organizer", "password": "Demo-2026-xr"}, "/login")
    if "currentPassword" in page:
        post("/account/password", {"currentPassword": "Demo-2026-xr", "newPassword": "Bench-pass-2026", "confirmPassword": "Bench-pass-2026"}, "/account/password")
except urllib.error.HTTPError:
    post("/login", {"username": "organizer", "password": "Bench-pass-2026"}, "/login")

cases = [
    ("organizer's matter list, page 1", "/matters"),
    ("organizer's matter list, page 5", "/matters?page=5"),
    ("a matter page (recommendation stage)", "/matters/" + MATTER),
    ("the matter's public page", "/matters/" + MATTER + "/public"),
    ("organizer dashboard (matters card, alerts)", "/dashboard"),
]
print(f"   {N} sequential requests each after 20 warm-up (ms):")
for label, path in cases:
    for _ in range(20):
        get(path)
    times = []
    for _ in range(N):
        t = time.perf_counter(); get(path); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"   {label:40s} p50 {times[len(times)//2]:7.1f}  p95 {times[int(len(times)*0.95)]:7.1f}  max {times[-1]:7.1f}")
