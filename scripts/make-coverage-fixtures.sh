#!/usr/bin/env bash
# Regenerates test/fixtures/coverage/real/: coverage reports written by the real tools over the tiny
# packages in test/fixtures/coverage/src-*, plus summaries.json with each tool's OWN printed totals
# (lcov --summary, gcovr --print-summary, coverage.py's report and JSON totals, go tool cover -func,
# c8's text-summary). The outputs are committed so tests need none of these tools; the tests assert
# that our parsers' totals equal the tools' own.
#
# Needs root (or sudo) once to install: python3-coverage lcov gcovr golang-go gcc (Debian), c8 (npm).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
fixtures="$repo/test/fixtures/coverage"
out="$fixtures/real"
work=$(mktemp -d "${TMPDIR:-/tmp}/shipgate-fixtures.XXXXXX")
trap 'rm -rf "$work"' EXIT

need=()
for tool in python3-coverage:python3-coverage lcov:lcov gcovr:gcovr go:golang-go gcc:gcc; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
if ((${#need[@]})); then
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${need[@]}"
fi
npm install --silent --no-save --no-audit --no-fund --prefix "$work/tools" c8@10.1.3 >/dev/null
c8="$work/tools/node_modules/.bin/c8"

rm -rf "$out"
mkdir -p "$out/python" "$out/c" "$out/go" "$out/js" "$work/printed"
printed="$work/printed"

# coverage.py (Debian python3-coverage): Cobertura XML and lcov, with branch coverage.
cp -r "$fixtures/src-python" "$work/python"
(
  cd "$work/python"
  python3-coverage run --branch --source=. test_calc.py >/dev/null
  python3-coverage xml -o "$out/python/coverage.xml" >/dev/null
  python3-coverage lcov -o "$out/python/coverage.lcov" >/dev/null
  python3-coverage report >"$printed/python-report.txt"
  python3-coverage json -o "$printed/python-totals.json" >/dev/null
  lcov --rc lcov_branch_coverage=1 --summary "$out/python/coverage.lcov" >"$printed/python-lcov.txt" 2>&1
)

# gcc + lcov + gcovr: two runs captured separately, their tracefiles concatenated (duplicate SF
# records) and merged by lcov itself, and gcovr's Cobertura XML of both runs.
cp -r "$fixtures/src-c" "$work/c"
(
  cd "$work/c"
  gcc --coverage -O0 -o prog calc.c main.c
  ./prog >/dev/null
  lcov --quiet --rc lcov_branch_coverage=1 --capture --directory . --output-file "$work/c/run1.info"
  lcov --quiet --zerocounters --directory .
  ./prog a b c d e f >/dev/null
  lcov --quiet --rc lcov_branch_coverage=1 --capture --directory . --output-file "$work/c/run2.info"
  cp run1.info "$out/c/lcov.info"
  cat run1.info run2.info >"$out/c/concatenated.info"
  lcov --rc lcov_branch_coverage=1 --add-tracefile run1.info --add-tracefile run2.info --output-file merged.info >/dev/null
  lcov --rc lcov_branch_coverage=1 --summary run1.info >"$printed/c-lcov.txt" 2>&1
  lcov --rc lcov_branch_coverage=1 --summary merged.info >"$printed/c-merged.txt" 2>&1
  ./prog >/dev/null
  gcovr --root . --branches --xml "$out/c/gcovr-cobertura.xml" --print-summary >"$printed/c-gcovr.txt"
)

# Go: -coverpkg makes every package's test binary report every package's blocks (duplicates).
cp -r "$fixtures/src-go" "$work/go"
(
  cd "$work/go"
  export GOCACHE="$work/gocache" GOPATH="$work/gopath" GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
  for mode in set count atomic; do
    go test -covermode="$mode" -coverpkg=./... -coverprofile="$out/go/$mode.out" ./... >/dev/null
    go tool cover -func="$out/go/$mode.out" >"$printed/go-$mode.txt"
  done
)

# c8 over a small ESM package (node --test): every istanbul reporter c8 has for our formats.
cp -r "$fixtures/src-js" "$work/js"
(
  cd "$work/js"
  "$c8" --reporter=lcov --reporter=cobertura --reporter=clover --reporter=json --reporter=json-summary \
    --reporter=text-summary --report-dir="$work/js/coverage" node --test test/ >"$printed/js-run.txt"
  "$c8" report --reporter=text-summary --report-dir="$work/js/coverage" >"$printed/js-summary.txt"
  cp coverage/lcov.info "$out/js/lcov.info"
  cp coverage/cobertura-coverage.xml "$out/js/cobertura-coverage.xml"
  cp coverage/clover.xml "$out/js/clover.xml"
  cp coverage/coverage-final.json "$out/js/coverage-final.json"
  cp coverage/coverage-summary.json "$out/js/coverage-summary.json"
)

python3 "$repo/scripts/coverage-fixture-summaries.py" "$printed" "$work" \
  "$(python3-coverage --version | head -1)" "$(lcov --version)" "$(gcovr --version | head -1)" \
  "$(go version)" "c8 $("$c8" --version)" >"$out/summaries.json"
echo "wrote $out"
