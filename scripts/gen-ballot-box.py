#!/usr/bin/env python3
"""Writes a large xuanren.ballot-box/1 file for benchmarks.

usage: gen-ballot-box.py recommendation|evaluation|election|approval BALLOTS OUT
  recommendation: 10 candidates, 3 categories, 0–3 choices per ballot (about 50 bytes a ballot)
  evaluation:     5 candidates, 5 items (about 650 bytes a ballot)
"""
import json, random, sys

def main():
    kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(20261123)
    with open(out, "w", encoding="utf-8", buffering=1 << 20) as f:
        if kind == "recommendation":
            cands = [f"c{i}" for i in range(1, 11)]
            cats = [("leaders", 0.4), ("staff", 0.3), ("representatives", 0.3)]
            per = n // 3 + 1
            header = {"format": "xuanren.ballot-box/1", "kind": "weighted-recommendation", "title": "基准测试：民主推荐",
                      "settings": {"categories": [{"id": c, "weight": w, "entitled": per} for c, w in cats],
                                   "rankPoints": [1.0, 0.9, 0.8], "unrankedPoints": 0.6, "minTurnout": 0.8},
                      "candidates": [{"id": c, "name": f"候选人{c}"} for c in cands]}
            f.write(json.dumps(header, ensure_ascii=False)[:-1] + ',"ballots":[\n')
            for i in range(n):
                k = rnd.randint(0, 3)
                picks = rnd.sample(cands, k)
                if i % 997 == 0 and picks:
                    picks.append(picks[0])   # a few invalid ballots
                f.write(('' if i == 0 else ',\n') + '{"category":"%s","ranking":[%s]}' % (cats[i % 3][0], ",".join('"%s"' % p for p in picks)))
            f.write("]}\n")
        elif kind == "evaluation":
            cands = [f"c{i}" for i in range(1, 6)]
            items = ["de", "neng", "qin", "ji", "lian"]
            tiers = ["A", "B", "C", "D"]   # short tier names keep the file under V8's 512 MB string limit
            overall = ["excellent", "competent", "basic", "incompetent"]
            header = {"format": "xuanren.ballot-box/1", "kind": "evaluation", "title": "基准测试：民主测评",
                      "settings": {"entitled": n, "minTurnout": 0.8,
                                   "items": [{"id": i, "name": i, "weight": 0.2} for i in items],
                                   "tiers": {"A": 100, "B": 80, "C": 60, "D": 40},
                                   "consentThreshold": 0.8, "demotionShare": 0.3},
                      "candidates": [{"id": c, "name": f"干部{c}"} for c in cands]}
            f.write(json.dumps(header, ensure_ascii=False)[:-1] + ',"ballots":[\n')
            # a pool of pre-rendered ratings keeps generation fast; choice among them is random
            pool = []
            for _ in range(512):
                r = {}
                for c in cands:
                    r[c] = {"items": {it: rnd.choice(tiers) for it in items}, "overall": rnd.choices(overall, [4, 5, 1, 0.3])[0]}
                pool.append(json.dumps({"ratings": r}, separators=(",", ":")))
            for i in range(n):
                f.write(('' if i == 0 else ',\n') + pool[rnd.randrange(512)])
            f.write("]}\n")
        else:
            sys.exit("unknown kind " + kind)

if __name__ == "__main__":
    main()
