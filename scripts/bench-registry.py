"""Registry list/filter and who-qualifies latency over HTTP (sequential requests, p50/p95)."""
import os, re, sys, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_http import Session

BASE = sys.argv[1]
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200
http = Session(BASE)
get = http.get
http.wait()
http.sign_in_organizer()
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
