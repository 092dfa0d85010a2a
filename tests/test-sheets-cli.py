#!/usr/bin/env python3
"""maillage --export-pdf works with no display: each kind of sheet of the
example is written, says where it is, and reads back with poppler; wrong
choices exit 2 with a message that says what is wrong."""
import os
import re
import subprocess
import sys
import tempfile

source_root = os.environ["MAILLAGE_SOURCE_ROOT"]
build_root = os.environ["MAILLAGE_BUILD_ROOT"]
maillage = sys.argv[1]
example = os.path.join(source_root, "data", "examples", "dombinnov.maillage")
out_dir = os.path.join(build_root, "sheets")
os.makedirs(out_dir, exist_ok=True)

env = dict(os.environ)
for name in ("DISPLAY", "WAYLAND_DISPLAY"):
    env.pop(name, None)
env["GDK_BACKEND"] = "none-at-all"   # GTK would fail if it were initialised

results = []


def check(name, ok, detail=""):
    results.append((name, ok, detail))


def run(*args):
    p = subprocess.run([maillage, *args], env=env, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0, info


def pdf_text(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True).stdout
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


sheets = [
    ("annuaire", [], ["Directory of structures", "Contents", "Val Horizon", "Index"]),
    ("ptce", ["--sheet", "ptce"], ["Experience sheet", "Context and presentation", "Milestones",
                                   "Lessons learned", "€9,000,000", "10 November 2023"]),
    ("territory-trevoux", ["--sheet", "territory:trevoux"], ["Territory sheet", "Trévoux", " inhab. (20", "Coverage of poles"]),
    ("structure-le-96", ["--sheet", "structure:le-96"], ["Structure sheet", "Le 96", "Page 1 / "]),
    ("annuaire-trevoux", ["--sheet", "annuaire", "--territory", "trevoux"], ["Territory: Trévoux", "Le 96"]),
    ("annuaire-partners", ["--circle", "partner"], ["Circle: Partner", "Fondation Macif"]),
]
for name, options, wanted in sheets:
    path = os.path.join(out_dir, f"cli-{name}.pdf")
    if os.path.exists(path):
        os.remove(path)
    code, out, err = run("--export-pdf", path, *options, example)
    check(f"{name}: exits 0", code == 0, f"exit {code}: {out}{err}")
    pages, info = pdf_pages(path)
    check(f"{name}: the PDF exists and has pages", pages > 0, info)
    check(f"{name}: says where the PDF is and how many pages",
          os.path.abspath(path) in out and f"{pages} page" in out, out)
    check(f"{name}: A4 with a title", "(A4)" in info and "Title:" in info, info)
    text = pdf_text(path)
    for w in wanted:
        check(f"{name}: the text holds “{w}”", w in text, text[:1500])

# The directory holds every structure; filtered ones fewer.
full, _ = pdf_pages(os.path.join(out_dir, "cli-annuaire.pdf"))
part, _ = pdf_pages(os.path.join(out_dir, "cli-annuaire-trevoux.pdf"))
check("a directory limited to a territory is shorter", 0 < part < full, f"{part} / {full}")

# Wrong choices: exit 2, a message naming what is wrong, no file.
with tempfile.TemporaryDirectory() as tmp:
    target = os.path.join(tmp, "x.pdf")
    cases = [
        ("an unknown structure", ["--sheet", "structure:val-horison", example], "val-horison"),
        ("an unknown sheet", ["--sheet", "fiche", example], "fiche"),
        ("an unknown pole", ["--pole", "pole-inconnu", example], "pole-inconnu"),
        ("an unknown circle", ["--circle", "adherent", example], "adherent"),
        ("a filter on a single sheet", ["--sheet", "ptce", "--pole", "pole-culturel", example], "annuaire"),
        ("no file", [], "--export-pdf"),
        ("a missing file", [os.path.join(tmp, "nothing.maillage")], "nothing.maillage"),
    ]
    for what, args, needle in cases:
        code, out, err = run("--export-pdf", target, *args)
        check(f"{what}: exits 2 with a message", code == 2 and needle in err, f"exit {code}: {out}{err}")
        check(f"{what}: writes nothing", not os.path.exists(target))

    code, out, err = run("--export-pdf", os.path.join(tmp, "no", "such", "dir", "x.pdf"), example)
    check("an unwritable place: exits 2 with a message", code == 2 and "x.pdf" in err, f"exit {code}: {out}{err}")

code, out, err = run("--sheet", "ptce", example)
check("--sheet without --export-pdf: exits 2 with a message",
      code == 2 and "--export-pdf" in err, f"exit {code}: {out}{err}")

print(f"1..{len(results)}")
for i, (name, ok, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        for line in detail.splitlines()[:20]:
            print(f"# {line}")
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
