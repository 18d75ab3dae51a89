"""Turns the coverage tools' own printed summaries (captured by make-coverage-fixtures.sh) into
test/fixtures/coverage/real/summaries.json: per fixture, the totals the producing tool itself reports."""
import json
import re
import sys
from pathlib import Path

printed, work, versions, out = sys.argv[1:5]
printed = Path(printed)
versions = json.loads(Path(versions).read_text())
coverage_py, lcov, gcovr, go, c8 = (versions[key] for key in ("coverage.py", "lcov", "gcovr", "go", "c8"))
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text(name):
    return ANSI.sub("", (printed / name).read_text())


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
    for kind in ("lines", "functions", "branches"):
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


def text_summary(name):
    """istanbul's text-summary reporter, as c8, nyc, jest and vitest print it."""
    body = text(name)
    result = {"printed": [line.strip() for line in body.splitlines() if re.match(r"^\s*(Statements|Branches|Functions|Lines)\s*:", line)]}
    for kind, key in (("Statements", "statements"), ("Branches", "branches"), ("Functions", "functions"), ("Lines", "lines")):
        match = re.search(rf"^\s*{kind}\s*: [\d.]+% \( (\d+)/(\d+) \)", body, re.M)
        result[key] = counted(*match.groups())
    return result


c_lcov = lcov_summary("c-lcov.txt")
c_merged = lcov_summary("c-merged.txt")
c_gcovr = gcovr_summary("c-gcovr.txt")
python = coverage_py_summary()

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
    "c/gcovr-cobertura.xml": {"format": "cobertura", "tool": f"{gcovr} --print-summary", "root": f"{work}/c", **c_gcovr},
}
ISTANBUL_REPORTS = (
    ("lcov.info", "lcov"),
    ("cobertura-coverage.xml", "cobertura"),
    ("clover.xml", "clover"),
    ("coverage-final.json", "istanbul"),
    ("coverage-summary.json", "istanbul"),
)
for folder, tool, summary_file in (
    ("js", c8, "js-summary.txt"),
    ("vitest-v8", f"{versions['vitest']} --coverage.provider=v8", "vitest-v8-summary.txt"),
    ("vitest-istanbul", f"{versions['vitest']} --coverage.provider=istanbul", "vitest-istanbul-summary.txt"),
    ("jest", versions["jest"], "jest-summary.txt"),
    ("nyc", versions["nyc"], "nyc-summary.txt"),
):
    own = text_summary(summary_file)
    for report, format in ISTANBUL_REPORTS:
        summaries[f"{folder}/{report}"] = {
            "format": format,
            "tool": f"{tool} text-summary",
            "root": f"{work}/{folder}",
            # Clover's and Cobertura's line figures are istanbul's lines (not statements).
            **{key: own[key] for key in ("lines", "branches", "functions")},
            "printed": own["printed"],
        }
for mode in ("set", "count", "atomic"):
    summaries[f"go/{mode}.out"] = {"format": "go", "tool": f"{go} tool cover -func", "root": "example.com/shipgate/fixture", **go_summary(mode)}

self_totals = Path(out) / "vitest-v8-self" / "own-totals.json"
if self_totals.exists():
    own = json.loads(self_totals.read_text())
    summaries["vitest-v8-self/lcov.info"] = {"format": "lcov", "root": "", "printed": [], **own}

json.dump(summaries, sys.stdout, indent=2, ensure_ascii=False)
sys.stdout.write("\n")
