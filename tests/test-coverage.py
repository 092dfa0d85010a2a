#!/usr/bin/env python3
"""maillage --coverage prints the coverage matrix as CSV that another CSV
reader (Python's) reads back with its accents; on the example it shows which
of the PTCE's communes have a crèche and which do not, and its counts agree
with the example's records counted here independently."""
import collections
import csv
import io
import json
import os
import subprocess
import sys

from taplib import check, finish

source_root = os.environ["MAILLAGE_SOURCE_ROOT"]
maillage = sys.argv[1]
example = os.path.join(source_root, "data", "examples", "dombinnov.maillage")

env = dict(os.environ)
for name in ("DISPLAY", "WAYLAND_DISPLAY"):
    env.pop(name, None)
env["GDK_BACKEND"] = "none-at-all"   # GTK would fail if it were initialised
env["MAILLAGE_TERRITORIES"] = os.path.join(source_root, "data", "territories-2026.tsv.gz")


def run(*args):
    p = subprocess.run([maillage, *args], env=env, capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def table(raw):
    text = raw.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


with open(example, encoding="utf-8") as f:
    doc = json.load(f)
name_of = {t["id"]: t["name"] for t in doc["territories"]}
pole_name = {p["id"]: p["name"] for p in doc["poles"]}
communes = sorted(t["name"] for t in doc["territories"] if t["level"] == "commune")

# ── Poles × communes ───────────────────────────────────────────────────
code, out, err = run("--coverage", "commune", example)
check("--coverage commune exits 0", code == 0, err)
check("the CSV starts with a byte-order mark", out.startswith(b"\xef\xbb\xbf"), out[:20])
check("its lines end in CRLF", out.endswith(b"\r\n") and out.count(b"\r\n") == out.count(b"\n"))
rows = table(out)
check("one line per commune of the example", sorted(r["Territory"] for r in rows) == communes,
      [r["Territory"] for r in rows])
check("accents come through intact",
      {"Trévoux", "Misérieux", "Châtillon-sur-Chalaronne"} <= {r["Territory"] for r in rows})
by_name = {r["Territory"]: r for r in rows}
check("codes and populations are the file's",
      by_name["Trévoux"]["Code"] == "01427" and by_name["Trévoux"]["Population"] == "7013"
      and by_name["Trévoux"]["Population year"] == "2023", by_name["Trévoux"])
check("each commune names its intercommunality",
      by_name["Fareins"]["Part of"] == "Communauté de communes Dombes Saône Vallée", by_name["Fareins"])

# The same counts, computed here from the JSON: a structure counts under
# each of its poles at its commune, an establishment under its pole.
expected = collections.Counter()
structures = {s["id"]: s for s in doc["structures"]}
for s in doc["structures"]:
    if s.get("commune"):
        for p in s.get("poles", []) or [None]:
            expected[(name_of[s["commune"]], p)] += 1
for e in doc["establishments"]:
    if e.get("commune"):
        poles = [e["pole"]] if e.get("pole") else structures[e["structure"]].get("poles", []) or [None]
        for p in poles:
            expected[(name_of[e["commune"]], p)] += 1
mismatches = []
for r in rows:
    for pid, pname in pole_name.items():
        if int(r[pname]) != expected[(r["Territory"], pid)]:
            mismatches.append((r["Territory"], pname, r[pname], expected[(r["Territory"], pid)]))
check("every cell agrees with the records counted independently", not mismatches, mismatches)
check("Petite enfance is present in Trévoux, Saint-Didier, Fareins and Parcieux only",
      {r["Territory"] for r in rows if int(r["Petite enfance"]) > 0}
      == {"Trévoux", "Saint-Didier-de-Formans", "Fareins", "Parcieux"})
check("the rate per 1,000 inhabitants is the count over the population",
      by_name["Trévoux"]["Petite enfance per 1,000 inhabitants"] == f"{5 * 1000 / 7013:.2f}",
      by_name["Trévoux"])
check("a zone blanche reads 0", all(by_name["Reyrieux"][p] == "0" for p in pole_name.values()),
      by_name["Reyrieux"])

# ── Which communes have a crèche ───────────────────────────────────────
code, out, err = run("--coverage", "commune", "--by", "type", example)
rows = table(out)
has_creche = {r["Territory"] for r in rows if int(r["Crèche"]) + int(r["Micro-crèche"]) > 0}
check("--by type exits 0", code == 0, err)
check("the communes with a crèche or a micro-crèche: Trévoux, Saint-Didier-de-Formans, Parcieux",
      has_creche == {"Trévoux", "Saint-Didier-de-Formans", "Parcieux"}, has_creche)
check("the seven others have none",
      sorted(set(communes) - has_creche) == ["Châtillon-sur-Chalaronne", "Fareins", "Miribel", "Misérieux",
                                             "Montluel", "Reyrieux", "Villeneuve"])
creches = collections.Counter(name_of[e["commune"]] for e in doc["establishments"]
                              if e.get("type") == "creche" and e.get("commune"))
check("crèches per commune agree with the file",
      all(int(r["Crèche"]) == creches[r["Territory"]] for r in rows), creches)

# ── Other levels, indicators, the whole intercommunalities ─────────────
code, out, err = run("--coverage=epci", "--indicator", "places", example)
rows = table(out)
check("--coverage epci lists the five EPCIs", code == 0 and len(rows) == 5, err)
check("an indicator names its columns", "Petite enfance (Places)" in rows[0], list(rows[0]))

code, out, err = run("--coverage", "commune", "--every-commune", example)
rows = table(out)
check("--every-commune lists the 85 communes of the five EPCIs", code == 0 and len(rows) == 85, (code, err, len(rows)))
thoissey = [r for r in rows if r["Territory"] == "Thoissey"]
check("a commune only the reference knows comes with its code and population, and is a gap",
      thoissey and thoissey[0]["Code"] == "01420" and int(thoissey[0]["Population"]) > 0
      and all(thoissey[0][p] == "0" for p in pole_name.values()), thoissey)

# ── The README's own commands ──────────────────────────────────────────
# Each `build/src/maillage --coverage …` line of the README runs as written
# (output to standard output rather than a file) and prints the matrix.
with open(os.path.join(source_root, "README.md"), encoding="utf-8") as f:
    readme = [line.split("#")[0].split(">")[0].split() for line in f
              if line.startswith("build/src/maillage --coverage")]
check("the README shows how to get the matrix from the command line", len(readme) >= 1, readme)
for words in readme:
    args = [example if w == "data/examples/dombinnov.maillage" else w for w in words[1:]]
    code, out, err = run(*args)
    rows = table(out) if code == 0 else []
    check("README: " + " ".join(words), code == 0 and len(rows) > 0 and "Territory" in rows[0], err)

# ── Mistakes ───────────────────────────────────────────────────────────
code, out, err = run("--coverage", "canton", example)
check("an unknown level exits 2 and lists the levels", code == 2 and "commune" in err, err)
code, out, err = run("--coverage", "commune", "--indicator", "beds", example)
check("an unknown indicator exits 2 and lists them", code == 2 and "places" in err, err)
code, out, err = run("--coverage", "commune")
check("a missing file exits 2", code == 2 and out == b"", err)
code, out, err = run("--coverage", "commune", "--by", "colour", example)
check("--by takes pole or type", code == 2, err)

finish()
