"""Selection matters over HTTP (issue 13's target: the organizer's matter list and a matter page p95 <= 100 ms).
Usage: bench-matters.py BASE_URL MATTER_ID [N]. Sequential requests after 20 warm-up each; p50/p95/max in ms."""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_http import Session

BASE, MATTER = sys.argv[1], sys.argv[2]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 200
http = Session(BASE)
get = http.get
http.wait()
http.sign_in_organizer()

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
