"""A few lines of TAP for the Python tests: check() each behaviour, then
finish() prints the plan and the results and exits non-zero on failure."""
import sys

_results = []


def check(name, ok, detail=""):
    _results.append((name, bool(ok), detail))


def finish():
    print(f"1..{len(_results)}")
    for i, (name, ok, detail) in enumerate(_results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok:
            for line in str(detail).splitlines()[:30]:
                print(f"# {line}")
    sys.exit(0 if all(ok for _, ok, _ in _results) else 1)
