#!/usr/bin/env python3
"""Rebuilds the bundled offline geo/ASN tables from the npm packages they come from.

Run by a maintainer (never at build or run time):
    offline-geo/refresh.py <dir with unpacked @ip-location-db/asn, @ip-location-db/geo-whois-asn-country
                            and world-countries packages>
The npm registry is one of the registries this project may reach; fetch the tarballs with `npm pack`.
Writes compact, delta-encoded TSV tables (xz) to src/main/resources/io/flowanalyzer/geo/ and
records the package versions in SOURCES.tsv. Ranges are inclusive; each row is
`<gap from the previous row's end + 1> <size - 1> <value>` so that xz finds the repetition.
"""
import csv, ipaddress, json, lzma, os, sys

root = sys.argv[1]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src/main/resources/io/flowanalyzer/geo")
os.makedirs(out, exist_ok=True)


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.reader(f):
            if r:
                yield r


def addr(text):
    return int(ipaddress.ip_address(text))


def write_ranges(name, ranges):
    """ranges: (start, end, value) sorted, non-overlapping."""
    # The sources hold a few overlapping and nested ranges: paint them so that the range that starts
    # later (the more specific one) wins where they overlap, and the outer one resumes after it.
    clean = []
    stack = []  # open ranges as [end, value], innermost last
    pos = 0

    def emit(upto, value):
        nonlocal pos
        if pos <= upto:
            clean.append((pos, upto, value))
            pos = upto + 1

    for start, end, value in sorted(ranges, key=lambda r: (r[0], -r[1])):
        if end < start:
            raise SystemExit(f"{name}: inverted range at {start}")
        while stack and stack[-1][0] < start:
            emit(stack[-1][0], stack[-1][1])
            stack.pop()
        if stack:
            emit(start - 1, stack[-1][1])
        pos = max(pos, start)
        stack.append([end, value])
    while stack:
        emit(stack[-1][0], stack[-1][1])
        stack.pop()
    if len(clean) != len(ranges):
        print(f"{name}: {len(ranges)} source ranges painted into {len(clean)}")
    prev_end = -1
    lines = []
    for start, end, value in clean:
        lines.append(f"{start - prev_end - 1:x}\t{end - start:x}\t{value}\n")
        prev_end = end
    with lzma.open(os.path.join(out, name), "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as f:
        f.writelines(lines)
    print(name, len(lines), "ranges")


def ranges(path, value_of):
    result = [(addr(r[0]), addr(r[1]), value_of(r)) for r in rows(path)]
    result.sort()
    return result


pkg = lambda p: os.path.join(root, p)
asn_names = {}
for family in ("ipv4", "ipv6"):
    def asn_value(r):
        asn = int(r[2])
        if r[3] and asn not in asn_names:
            asn_names[asn] = r[3].replace("\t", " ").strip()
        return asn
    write_ranges(f"asn-{family}.tsv.xz", ranges(pkg(f"asn/asn-{family}.csv"), asn_value))
    write_ranges(f"country-{family}.tsv.xz",
                 ranges(pkg(f"geo-whois-asn-country/geo-whois-asn-country-{family}.csv"), lambda r: r[2]))
with lzma.open(os.path.join(out, "asn-names.tsv.xz"), "wt", encoding="utf-8", preset=9) as f:
    for asn in sorted(asn_names):
        f.write(f"{asn}\t{asn_names[asn]}\n")

with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8") as f:
    for r in csv.DictReader(open(pkg("world-countries/dist/countries.csv"), encoding="utf-8")):
        lat, lon = r["latlng"].split(",")
        f.write(f"{r['cca2']}\t{r['name.common']}\t{float(lat)}\t{float(lon)}\n")

with open(os.path.join(out, "SOURCES.tsv"), "w", encoding="utf-8") as f:
    for p, lic in (("asn", "CC BY 4.0 (RouteViews, DB-IP, NRO)"),
                   ("geo-whois-asn-country", "CC0 1.0"),
                   ("world-countries", "ODbL 1.0")):
        meta = json.load(open(pkg(f"{p}/package.json"), encoding="utf-8"))
        f.write(f"{meta['name']}\t{meta['version']}\t{lic}\n")
