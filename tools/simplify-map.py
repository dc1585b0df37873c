#!/usr/bin/env python3
"""Makes src/main/resources/static/map/henan-counties.json from ../shared/data/henan-counties.geojson.

Coordinates rounded to 3 decimals and thinned (a point is kept when it is at least 0.004
degrees from the last kept one), which shrinks 7.9 MB to about 1.2 MB for the browser; the
six county codes that changed since the shapes were drawn are mapped to today's code and name
(henan-division-history.csv), so 吉利区 and 孟津县 both become 孟津区 and ECharts joins them.
Run from the repository root: python3 tools/simplify-map.py
"""
import csv
import json

DATA = "../shared/data/"
history = {r["old_code"]: (r["current_code"], r["current_name"]) for r in csv.DictReader(open(DATA + "henan-division-history.csv", encoding="utf-8"))}
names = {r["code"]: r["name"] for r in csv.DictReader(open(DATA + "henan-divisions.csv", encoding="utf-8"))}
g = json.load(open(DATA + "henan-counties.geojson", encoding="utf-8"))
TH = 0.004


def thin(ring):
    out = []
    for x, y in ring:
        p = [round(x, 3), round(y, 3)]
        if not out or abs(out[-1][0] - p[0]) + abs(out[-1][1] - p[1]) >= TH:
            out.append(p)
    if out[-1] != out[0]:
        out.append(out[0])
    return out if len(out) >= 4 else None


for f in g["features"]:
    geo = f["geometry"]
    if geo["type"] == "Polygon":
        geo["coordinates"] = [r for r in (thin(r) for r in geo["coordinates"]) if r]
    else:
        geo["coordinates"] = [p for p in ([r for r in (thin(r) for r in poly) if r] for poly in geo["coordinates"]) if p]
    code = f["properties"].get("code", f.get("id"))
    code, name = history.get(code, (code, names.get(code, f["properties"]["name"])))
    f["id"] = code
    f["properties"] = {"name": name, "code": code}
open("src/main/resources/static/map/henan-counties.json", "w", encoding="utf-8").write(
    json.dumps(g, ensure_ascii=False, separators=(",", ":")))
