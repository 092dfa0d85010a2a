#!/usr/bin/env python3
"""French stays complete: po/POTFILES.in lists every file with translatable
strings, po/fr.po passes msgfmt --check, and every message the sources hold
has a French translation that is neither missing nor fuzzy."""
import os
import re
import subprocess
import sys
import tempfile

root = os.environ["MAILLAGE_SOURCE_ROOT"]
from taplib import check, finish


# The keywords of meson's i18n.gettext(preset: 'glib').
KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3",
            "g_dpgettext2:2c,3", "ngettext:1,2", "g_dgettext:2"]


def xgettext(paths, output):
    args = ["xgettext", "--from-code=UTF-8", "--add-comments", "--no-location",
            "--package-name=maillage", "-o", output, "--directory", root]
    args += [f"--keyword={k}" for k in KEYWORDS]
    subprocess.run(args + paths, check=True, capture_output=True)


with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]

missing_files = [p for p in listed if not os.path.exists(os.path.join(root, p))]
check("every file POTFILES.in lists exists", not missing_files, ", ".join(missing_files))

# Every source file with a translatable string is listed.
candidates = []
for top in ("src", "data"):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            if name.endswith((".c", ".ui")) or name.endswith((".desktop.in", ".metainfo.xml.in", ".gschema.xml")):
                candidates.append(path)

unlisted = []
with tempfile.TemporaryDirectory() as tmp:
    for path in sorted(candidates):
        if path in listed:
            continue
        out = os.path.join(tmp, "one.pot")
        if os.path.exists(out):
            os.remove(out)
        xgettext([path], out)
        if os.path.exists(out) and re.search(r'^msgid "(?!")', open(out, encoding="utf-8").read(), re.M):
            unlisted.append(path)
check("every file with translatable strings is in POTFILES.in", not unlisted, ", ".join(unlisted))

fr = os.path.join(root, "po", "fr.po")
p = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", fr],
                   capture_output=True, text=True)
check("po/fr.po passes msgfmt --check", p.returncode == 0, p.stderr)
stats = p.stderr.strip()
check("po/fr.po has no untranslated or fuzzy message",
      "untranslated" not in stats and "fuzzy" not in stats, stats)

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "maillage.pot")
    xgettext([p for p in listed if os.path.exists(os.path.join(root, p))], pot)
    p = subprocess.run(["msgcmp", "--use-untranslated", fr, pot], capture_output=True, text=True)
    missing = [l for l in p.stderr.splitlines() if "this message" in l]
    check("every message in the sources is in po/fr.po", p.returncode == 0,
          f"{len(missing)} missing; run: meson compile -C build maillage-update-po\n" + p.stderr[:2000])
    p = subprocess.run(["msgcmp", fr, pot], capture_output=True, text=True)
    check("every message in the sources is translated", p.returncode == 0, p.stderr[:2000])

finish()
