#!/usr/bin/env python3
"""Writes a deterministic xuanren.scores/1 sheet for benchmarks: N applicants for one position of 10 posts, a
written exam (one score each) and a 7-judge panel interview trimmed by one, both taken by every applicant
(no advance), a 3:1 shortlist. Usage: gen-score-sheet.py N OUT"""
import json, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261130)
surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
with open(out, "w", encoding="utf-8") as f:
    head = {"format": "xuanren.scores/1", "position": {"id": "P1", "name": "县教育局副局长", "posts": 10},
            "decimals": 2, "scale": 100,
            "stages": [{"id": "written", "name": "笔试", "max": 100, "weight": 50, "scoring": "single"},
                       {"id": "interview", "name": "面试", "max": 100, "weight": 50, "scoring": "panel", "trim": 1}],
            "tieBreak": ["interview", "written"], "shortlist": {"ratio": 3}}
    f.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "applicants": [\n')
    for i in range(n):
        name = rng.choice(surnames) + rng.choice(given) + (rng.choice(given) if rng.random() < 0.5 else "")
        written = rng.randrange(4000, 10001, 5) / 100
        judges = {f"j{k}": rng.randrange(600, 1001) / 10 for k in range(1, 8)}
        a = {"id": f"A{i:06d}", "name": name, "scores": {"written": written, "interview": judges}}
        f.write(("" if i == 0 else ",\n") + json.dumps(a, ensure_ascii=False, separators=(",", ":")))
    f.write("\n]}\n")
