#!/usr/bin/env python3
"""Check annotation files against their articles: usage check.py ARTICLE.txt ANNOTATION.json [...pairs]

Every problem is one line; no output means the file is well-formed."""
import json, sys
TYPES = {"SUPPORTS", "CRITICISES", "RESIGNED_FROM", "SUSPENDED_FROM", "MEMBER_OF", "LEADS"}
def squash(s): return " ".join(s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())
args = sys.argv[1:]
for txt, ann in zip(args[::2], args[1::2]):
    text = squash(open(txt, encoding="utf-8").read())
    try:
        d = json.load(open(ann, encoding="utf-8"))
    except Exception as e:
        print(f"{ann}: does not parse: {e}"); continue
    names = {}
    for e in d.get("entities", []):
        if e.get("type") not in ("Person", "Group", "Event"):
            print(f"{ann}: entity {e.get('name')!r}: bad type {e.get('type')!r}")
        names[e["name"]] = e
        for a in [e["name"], *e.get("aliases", [])]:
            if e["type"] != "Event" and squash(a) not in text and a != e["name"]:
                print(f"{ann}: alias {a!r} of {e['name']!r} is not in the article")
    seen = set()
    for r in d.get("relations", []):
        t = (r.get("subject"), r.get("type"), r.get("object"))
        if r.get("type") not in TYPES: print(f"{ann}: bad relation type {t}")
        for end in (t[0], t[2]):
            if end not in names: print(f"{ann}: {t}: {end!r} is not an entity name")
        if t[0] == t[2]: print(f"{ann}: {t}: subject and object are the same")
        if t in seen: print(f"{ann}: {t}: twice")
        seen.add(t)
        ev = squash(r.get("evidence", ""))
        if not ev or ev not in text: print(f"{ann}: {t}: evidence is not a sentence copied from the article")
        for also in map(squash, r.get("evidence_also", [])):
            if not also or also not in text: print(f"{ann}: {t}: evidence_also {also[:60]!r} is not in the article")
