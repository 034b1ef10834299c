"""Registry list/filter and who-qualifies latency over HTTP (sequential requests, p50/p95)."""
import http.cookiejar, re, sys, time, urllib.error, urllib.parse, urllib.request

BASE = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
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


for _ in range(200):
    try:
        get("/healthz"); break
    except Exception:
        time.sleep(0.2)
# first run: the seeded password must be changed; later runs on the same database sign in with the new one
try:
    page = post("/login", {"username": "organizer", "password": "Demo-2026-xr"}, "/login")
    if "currentPassword" in page:
        post("/account/password", {"currentPassword": "Demo-2026-xr", "newPassword": "Bench-pass-2026", "confirmPassword": "Bench-pass-2026"}, "/account/password")
except urllib.error.HTTPError:
    post("/login", {"username": "organizer", "password": "Bench-pass-2026"}, "/login")
assert "工作台" in get("/dashboard")

q = urllib.parse.quote
cases = [
    ("list, page 1, no filter", "/registry/cadres"),
    ("list, rank 副科级 and age ≤ 45", "/registry/cadres?rank=" + q("副科级") + "&maxAge=45"),
    ("list, name or post contains 王", "/registry/cadres?q=" + q("王")),
    ("list, education ≥ 本科, women, page 20", "/registry/cadres?edu=4&sex=" + q("女") + "&page=20"),
    ("list, blocking files only", "/registry/cadres?blocking=1"),
    ("who qualifies, 正科 (seed defaults)", "/registry/qualify?reference=2026.06&target=" + q("正科级") + "&maxAge=45&minEducation=3&minWork=2&minGrade=2&assessmentYears=3&minAssessment=2&crossGrade=1&oneUp=1&skipOne=4&basicBlocks=1"),
    ("organizer dashboard (alerts over the registry)", "/dashboard"),
    ("who qualifies, 副处 with party and title", "/registry/qualify?reference=2026.06&target=" + q("副处级") + "&maxAge=50&minEducation=4&minGrade=2&assessmentYears=3&minAssessment=2&party=1&crossGrade=1&oneUp=1&skipOne=4&basicBlocks=1&titles=" + q("经济师")),
]
print(f"   {N} sequential requests each after 20 warm-up (ms):")
for label, path in cases:
    for _ in range(20):
        get(path)
    times = []
    for _ in range(N):
        t = time.perf_counter(); body = get(path); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    extra = ""
    m = re.search(r"筛查 (\d+) · 符合条件 (\d+) · 差一项条件 (\d+)", body)
    if m: extra = f"  (scanned {m.group(1)}, qualified {m.group(2)}, near misses {m.group(3)})"
    m = re.search(r"共 (\d+) 人", body)
    if m: extra = f"  ({m.group(1)} match)"
    print(f"   {label:45s} p50 {times[len(times)//2]:7.1f}  p95 {times[int(len(times)*0.95)]:7.1f}  max {times[-1]:7.1f}{extra}")
