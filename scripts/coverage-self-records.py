"""Keeps the records of shipgate's own vitest v8 coverage run (`npm run test:coverage`) that carry
negative or NaN counts, with vitest's own per-file totals from coverage-summary.json, as
test/fixtures/coverage/real/vitest-v8-self/. Run by make-coverage-fixtures.sh when
SHIPGATE_SELF_COVERAGE names that run's report folder (the whole suite is too long to run here)."""
import json
import re
import sys
from pathlib import Path

report_dir, out_dir, vitest = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
odd_count = re.compile(r"^(DA|BRDA|FNDA):.*(,-\d|,NaN)")
records, record = [], []
for line in (report_dir / "lcov.info").read_text().splitlines():
    record.append(line)
    if line == "end_of_record":
        if any(odd_count.match(entry) for entry in record):
            records.append(record)
        record = []
if not records:
    sys.exit(f"{report_dir}/lcov.info has no negative or NaN count: nothing to keep")
summary = json.loads((report_dir / "coverage-summary.json").read_text())
totals = {"lines": [0, 0], "branches": [0, 0], "functions": [0, 0]}
for kept in records:
    path = kept[0][3:] if kept[0].startswith("SF:") else kept[1][3:]
    own = next(value for key, value in summary.items() if key != "total" and key.endswith("/" + path))
    for kind in totals:
        totals[kind][0] += own[kind]["covered"]
        totals[kind][1] += own[kind]["total"]
out_dir.mkdir(parents=True, exist_ok=True)
(out_dir / "lcov.info").write_text("".join("\n".join(kept) + "\n" for kept in records))
(out_dir / "own-totals.json").write_text(
    json.dumps(
        {
            "tool": f"{vitest} --coverage.provider=v8 coverage-summary.json (per file, shipgate's own suite)",
            **{kind: {"covered": covered, "total": total} for kind, (covered, total) in totals.items()},
        },
        indent=2,
    )
    + "\n"
)
