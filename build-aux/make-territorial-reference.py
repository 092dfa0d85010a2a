#!/usr/bin/env python3
"""Builds data/territories-2026.tsv.gz, the French administrative reference
Maillage ships, from the pinned npm package @etalab/decoupage-administratif
6.0.0 (« Découpage administratif », Etalab; data under Licence Ouverte 2.0).

    cd build-aux/territorial-reference && npm ci      # fetches the pinned package
    python3 build-aux/make-territorial-reference.py   # rewrites the shipped file

    python3 build-aux/make-territorial-reference.py --check

--check regenerates the file from the package when it is installed (or given
with --package, a directory or the .tgz `npm pack` downloads) and compares it
with the shipped one; without the package (no network, as in CI) it checks
that the shipped file is the one this script last wrote: its content matches
the checksum recorded next to the lock file, and it names the package and the
integrity hash the lock file pins.

The file is UTF-8 text, one territory a line, tab-separated, gzip-compressed:

    #maillage-territories  1                 format and its version
    #<key>  <value>…                         millésime, source, licence…
    R  code  name  population  year          région
    D  code  name  région  population  year  département
    E  siren  name  type  département  population  year
                                             EPCI: cc, ca, cu, metropole
    C  code  name  département  epci  postcodes  population
                                             commune (year: its département's)
    A  code  name  commune  postcodes  population
                                             arrondissement municipal

Postcodes are comma-separated; an empty field is unknown. Populations are
INSEE's populations municipales as the package gives them for communes; an
EPCI's, a département's and a région's are the sums over their communes, so
that every level has the same millésime. An EPCI's département is the one
where most of its inhabitants live (89 EPCIs span two départements), since
Maillage's hierarchy gives each territory one parent.
"""
import argparse
import base64
import collections
import gzip
import hashlib
import io
import json
import os
import sys
import tarfile

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
MILLESIME = 2026
FORMAT_VERSION = 1

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PIN_DIR = os.path.join(HERE, "territorial-reference")
LOCK = os.path.join(PIN_DIR, "package-lock.json")
CHECKSUM = os.path.join(PIN_DIR, f"territories-{MILLESIME}.tsv.sha256")
OUTPUT = os.path.join(ROOT, "data", f"territories-{MILLESIME}.tsv.gz")
INSTALLED = os.path.join(PIN_DIR, "node_modules", *PACKAGE.split("/"))

# Populations municipales of the 2026 package are INSEE's of 1 January 2023
# (in force on 1 January 2026), except where the package says otherwise:
# Mayotte's are from the 2017 census; New Caledonia, French Polynesia and
# Wallis and Futuna hold their own censuses.
POPULATION_YEAR = 2023
POPULATION_YEAR_BY_DEPARTEMENT = {"976": 2017, "987": 2022, "988": 2025}

EPCI_TYPES = {"CC": "cc", "CA": "ca", "CU": "cu", "METRO": "metropole", "MET69": "metropole"}
FILES = ("communes.json", "epci.json", "departements.json", "regions.json")


def lock_integrity():
    with open(LOCK, encoding="utf-8") as f:
        lock = json.load(f)
    entry = lock["packages"][f"node_modules/{PACKAGE}"]
    if entry["version"] != VERSION:
        sys.exit(f"{LOCK} pins {PACKAGE} {entry['version']}, not {VERSION}")
    return entry["integrity"]


def read_package(path, integrity):
    """The package's data files, from its directory or from its tarball
    (whose integrity hash must be the one the lock file pins)."""
    data = {}
    if os.path.isdir(path):
        with open(os.path.join(path, "package.json"), encoding="utf-8") as f:
            meta = json.load(f)
        for name in FILES:
            with open(os.path.join(path, "data", name), "rb") as f:
                data[name] = f.read()
    else:
        with open(path, "rb") as f:
            blob = f.read()
        algorithm, _, expected = integrity.partition("-")
        actual = base64.b64encode(hashlib.new(algorithm, blob).digest()).decode()
        if actual != expected:
            sys.exit(f"{path}: integrity {algorithm}-{actual} is not the pinned {integrity}")
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
            meta = json.load(tar.extractfile("package/package.json"))
            for name in FILES:
                data[name] = tar.extractfile(f"package/data/{name}").read()
    if meta.get("name") != PACKAGE or meta.get("version") != VERSION:
        sys.exit(f"{path}: {meta.get('name')} {meta.get('version')} is not {PACKAGE} {VERSION}")
    return {name: json.loads(blob) for name, blob in data.items()}


def clean(text):
    if text is None:
        return ""
    text = str(text)
    if any(c in text for c in "\t\r\n"):
        raise ValueError(f"a tab or line break in {text!r}")
    return text


def number(value):
    return "" if value is None else str(int(value))


def build(data, integrity):
    regions = {r["code"]: r for r in data["regions.json"]}
    departements = {d["code"]: d for d in data["departements.json"]}
    communes = {}
    arrondissements = {}
    for c in data["communes.json"]:
        if c["type"] == "commune-actuelle":
            communes[c["code"]] = c
        elif c["type"] == "arrondissement-municipal":
            arrondissements[c["code"]] = c

    def year_of(departement):
        return POPULATION_YEAR_BY_DEPARTEMENT.get(departement, POPULATION_YEAR)

    def total(members):
        populations = [m.get("population") for m in members]
        if not populations or any(p is None for p in populations):
            return None
        return sum(populations)

    epci_of = {}
    epcis = []
    for e in data["epci.json"]:
        members = [communes[m["code"]] for m in e["membres"]]
        for m in members:
            if m["code"] in epci_of:
                raise ValueError(f"commune {m['code']} in two EPCIs")
            epci_of[m["code"]] = e["code"]
        weight = collections.Counter()
        for m in members:
            weight[m["departement"]] += m.get("population") or 0
        departement = min(weight, key=lambda d: (-weight[d], d))
        epcis.append((e["code"], e["nom"], EPCI_TYPES[e["type"]], departement,
                      total(members), year_of(departement)))

    lines = [
        f"#maillage-territories\t{FORMAT_VERSION}",
        f"#millesime\t{MILLESIME}",
        f"#source\tDécoupage administratif (Etalab)\t{PACKAGE}\t{VERSION}\t{integrity}",
        "#licence\tLicence Ouverte 2.0 (Etalab)",
        "#populations\tINSEE, populations municipales",
    ]
    by_departement = collections.defaultdict(list)
    for c in communes.values():
        by_departement[c["departement"]].append(c)
    by_region = collections.defaultdict(list)
    for c in communes.values():
        by_region[c["region"]].append(c)

    for code in sorted(regions):
        r = regions[code]
        years = {year_of(c["departement"]) for c in by_region[code]}
        lines.append("\t".join(["R", code, clean(r["nom"]), number(total(by_region[code])),
                                str(max(years)) if len(years) == 1 and total(by_region[code]) else ""]))
    for code in sorted(departements):
        d = departements[code]
        population = total(by_departement[code])
        lines.append("\t".join(["D", code, clean(d["nom"]), d["region"], number(population),
                                str(year_of(code)) if population is not None else ""]))
    for siren, name, kind, departement, population, year in sorted(epcis):
        lines.append("\t".join(["E", siren, clean(name), kind, departement, number(population),
                                str(year) if population is not None else ""]))
    for code in sorted(communes):
        c = communes[code]
        if departements[c["departement"]]["region"] != c["region"]:
            raise ValueError(f"commune {code}: région {c['region']} is not its département's")
        lines.append("\t".join(["C", code, clean(c["nom"]), c["departement"], epci_of.get(code, ""),
                                ",".join(sorted(set(c.get("codesPostaux", [])))),
                                number(c.get("population"))]))
    for code in sorted(arrondissements):
        a = arrondissements[code]
        lines.append("\t".join(["A", code, clean(a["nom"]), a["commune"],
                                ",".join(sorted(set(a.get("codesPostaux", [])))),
                                number(a.get("population"))]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def compress(text):
    # No name and no time in the header: the same text gives the same bytes
    # with a given zlib.
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=out, mtime=0) as f:
        f.write(text)
    return out.getvalue()


def digest(text):
    return hashlib.sha256(text).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", help="the package's directory or its .tgz "
                        "(default: the one npm ci installs next to the lock file)")
    parser.add_argument("--output", default=OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="compare the shipped file with the package (or, without it, with the recorded checksum)")
    args = parser.parse_args()

    integrity = lock_integrity()
    package = args.package or (INSTALLED if os.path.isdir(INSTALLED) else None)

    if args.check:
        with gzip.open(args.output, "rb") as f:
            shipped = f.read()
        header = shipped.split(b"\n", 3)[2].decode("utf-8").split("\t")
        if header[2:] != [PACKAGE, VERSION, integrity]:
            sys.exit(f"{args.output} names {header[2:]}, the lock file pins {PACKAGE} {VERSION} {integrity}")
        if package:
            regenerated = build(read_package(package, integrity), integrity)
            if regenerated != shipped:
                sys.exit(f"{args.output} differs from what {package} gives: run this script to regenerate it")
            print(f"{args.output}: regenerated from {PACKAGE} {VERSION}, identical")
        else:
            with open(CHECKSUM, encoding="utf-8") as f:
                recorded = f.read().split()[0]
            if digest(shipped) != recorded:
                sys.exit(f"{args.output}: content sha256 {digest(shipped)} is not the recorded {recorded}")
            print(f"{args.output}: matches the recorded checksum ({PACKAGE} not installed, not regenerated)")
        return

    if not package:
        sys.exit(f"{PACKAGE} is not installed: run `npm ci` in {PIN_DIR}, or give --package")
    text = build(read_package(package, integrity), integrity)
    with open(args.output, "wb") as f:
        f.write(compress(text))
    with open(CHECKSUM, "w", encoding="utf-8") as f:
        f.write(f"{digest(text)}  territories-{MILLESIME}.tsv (uncompressed content of data/territories-{MILLESIME}.tsv.gz)\n")
    print(f"{args.output}: {len(text)} bytes of text, {os.path.getsize(args.output)} compressed")


if __name__ == "__main__":
    main()
