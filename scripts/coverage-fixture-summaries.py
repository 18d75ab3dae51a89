"""Turns the coverage tools' own printed summaries (captured by make-coverage-fixtures.sh) into
test/fixtures/coverage/real/summaries.json: per fixture, the totals the producing tool itself reports."""
import json
import re
import sys
from pathlib import Path

printed, work, coverage_py, lcov, gcovr, go, c8 = sys.argv[1:8]
printed = Path(printed)


def text(name):
    return (printed / name).read_text()


def counted(covered, total):
    return {"covered": int(covered), "total": int(total)}


def lcov_summary(name):
    body = text(name)
    result = {"printed": body.strip().splitlines()[-3:]}
    for kind, key in (("lines", "lines"), ("functions", "functions"), ("branches", "branches")):
        match = re.search(rf"{kind}\.+: [\d.]+% \((\d+) of (\d+) {kind}\)", body)
        result[key] = counted(*match.groups()) if match else None
    return result


def gcovr_summary(name):
    body = text(name)
    result = {"printed": body.strip().splitlines()}
    for kind in ("lines", "branches"):
        match = re.search(rf"^{kind}: [\d.]+% \((\d+) out of (\d+)\)", body, re.M)
        result[kind] = counted(*match.groups()) if match else None
    return result


def coverage_py_summary():
    report = text("python-report.txt")
    total = next(line for line in report.splitlines() if line.startswith("TOTAL"))
    statements, missing = (int(field) for field in total.split()[1:3])
    totals = json.loads(text("python-totals.json"))["totals"]
    return {
        "printed": [report.splitlines()[0], total, json.dumps(totals)],
        "lines": counted(statements - missing, statements),
        "branches": counted(totals["covered_branches"], totals["num_branches"]),
    }


def go_summary(mode):
    body = text(f"go-{mode}.txt")
    total = body.strip().splitlines()[-1]
    return {"printed": [total], "statementsPct": float(re.search(r"([\d.]+)%", total).group(1))}


def c8_summary():
    body = text("js-summary.txt")
    result = {"printed": [line for line in body.splitlines() if ":" in line]}
    for kind, key in (("Statements", "statements"), ("Branches", "branches"), ("Functions", "functions"), ("Lines", "lines")):
        match = re.search(rf"^{kind}\s*: [\d.]+% \( (\d+)/(\d+) \)", body, re.M)
        result[key] = counted(*match.groups())
    return result


c_lcov = lcov_summary("c-lcov.txt")
c_merged = lcov_summary("c-merged.txt")
c_gcovr = gcovr_summary("c-gcovr.txt")
python = coverage_py_summary()
js = c8_summary()
js_totals = {key: js[key] for key in ("lines", "branches", "functions")}

summaries = {
    "python/coverage.xml": {"format": "cobertura", "tool": coverage_py, "root": f"{work}/python", **python, "functions": None},
    # coverage.py 6.5's lcov writer lists executed docstring lines in DA (and its LH, against its own
    # LF), so its lcov disagrees with `coverage report` by design of that writer; lcov's own reading
    # of the file is the reference here.
    "python/coverage.lcov": {"format": "lcov", "tool": f"{lcov} --summary (file written by {coverage_py})", "root": f"{work}/python", **lcov_summary("python-lcov.txt")},
    "c/lcov.info": {"format": "lcov", "tool": f"{lcov} --summary", "root": f"{work}/c", **c_lcov},
    "c/concatenated.info": {
        "format": "lcov",
        "tool": f"{lcov} --summary of lcov --add-tracefile over the two runs",
        "root": f"{work}/c",
        **c_merged,
    },
    "c/gcovr-cobertura.xml": {"format": "cobertura", "tool": f"{gcovr} --print-summary", "root": f"{work}/c", **c_gcovr, "functions": None},
    "js/lcov.info": {"format": "lcov", "tool": f"{c8} text-summary", "root": f"{work}/js", **js_totals, "printed": js["printed"]},
    "js/cobertura-coverage.xml": {"format": "cobertura", "tool": f"{c8} text-summary", "root": f"{work}/js", **js_totals, "functions": None, "printed": js["printed"]},
    "js/clover.xml": {"format": "clover", "tool": f"{c8} text-summary", "root": f"{work}/js", **js_totals, "printed": js["printed"]},
    "js/coverage-final.json": {"format": "istanbul", "tool": f"{c8} text-summary", "root": f"{work}/js", **js_totals, "printed": js["printed"]},
    "js/coverage-summary.json": {"format": "istanbul", "tool": f"{c8} text-summary", "root": f"{work}/js", **js_totals, "printed": js["printed"]},
}
for mode in ("set", "count", "atomic"):
    summaries[f"go/{mode}.out"] = {"format": "go", "tool": f"{go} tool cover -func", "root": "example.com/shipgate/fixture", **go_summary(mode)}

json.dump(summaries, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
