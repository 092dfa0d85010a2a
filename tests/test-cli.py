#!/usr/bin/env python3
"""The command line works with no display: --check's exit codes and
messages, --summary's counts, --json-schema."""
import os
import subprocess
import sys

source_root = os.environ["MAILLAGE_SOURCE_ROOT"]
maillage = sys.argv[1]
example = os.path.join(source_root, "data", "examples", "dombinnov.maillage")
files = os.path.join(source_root, "tests", "files")

env = dict(os.environ)
for name in ("DISPLAY", "WAYLAND_DISPLAY"):
    env.pop(name, None)
env["GDK_BACKEND"] = "none-at-all"   # GTK would fail if it were initialised

from taplib import check, finish


def run(*args):
    p = subprocess.run([maillage, *args], env=env, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


code, out, err = run("--check", example)
check("the example checks clean or with warnings", code in (0, 1), f"exit {code}: {out}{err}")
check("the example has no errors", "error:" not in out, out)

code, out, err = run("--check", os.path.join(files, "bad-duplicate-id.maillage"))
check("a file with errors exits 2", code == 2, f"exit {code}")
check("the error names line, column and record",
      "line 1, column" in out and "“a”" in out and "used twice" in out, out + err)

code, out, err = run("--check", os.path.join(files, "warn-own-parent.maillage"))
check("a file with warnings exits 1", code == 1, f"exit {code}")
check("the warning is listed with its record", "warning: Territory “t”" in out, out)

code, out, err = run("--check", os.path.join(files, "no-such-file.maillage"))
check("a missing file exits 2 with a message", code == 2 and "no-such-file" in err, err)

code, out, err = run("--summary", example)
check("the summary names the ecosystem", out.startswith("Domb'Innov"), out[:200])
for line in ("Structures: ", "Establishments: ", "Poles: ", "Territories: "):
    check(f"the summary counts {line.strip(': ')}", line in out, out)
structures = int(out.split("Structures: ")[1].split()[0])
check("the example has 25 or more structures", structures >= 25, str(structures))
check("the summary shows key figures with their year", "Key figures" in out and "(2017" in out, out)

code, out, err = run("--help")
check("--help lists the commands, with no display",
      code == 0 and "--check" in out and "--summary" in out and "--export-pdf" in out, out + err)

code, out, err = run("--json-schema")
with open(os.path.join(source_root, "data", "maillage.schema.json"), encoding="utf-8") as f:
    check("--json-schema prints the shipped schema", code == 0 and out == f.read())

finish()
