#!/usr/bin/env bash
# Regenerates test/fixtures/coverage/real/: coverage reports written by the real tools over the tiny
# packages in test/fixtures/coverage/src-*, plus summaries.json with each tool's OWN printed totals
# (lcov --summary, gcovr --print-summary, coverage.py's report and JSON totals, go tool cover -func,
# the text-summary of c8, nyc, jest and vitest with its v8 and istanbul providers). The outputs are
# committed so tests need none of these tools; the tests assert that our parsers' totals equal the
# tools' own. It also writes docs/conformance-coverage.md, the table of producers and agreement.
#
# Needs root (or sudo) once to install: python3-coverage lcov gcovr golang-go gcc (Debian); the npm
# tools are installed at the pinned versions below into a temporary folder (or COVERAGE_FIXTURE_TOOLS).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# The project's Node 24 (npm scripts use it) runs the JavaScript producers and the table.
export PATH="$repo/node_modules/node/bin:$PATH"
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
tools="${COVERAGE_FIXTURE_TOOLS:-$work/tools}"
npm install --silent --no-save --no-audit --no-fund --prefix "$tools" \
  c8@10.1.3 nyc@18.0.0 jest@30.5.2 vitest@4.1.12 @vitest/coverage-v8@4.1.12 @vitest/coverage-istanbul@4.1.12 >/dev/null
bin="$tools/node_modules/.bin"
c8="$bin/c8"

# vitest-v8-self/ comes from shipgate's own suite (SHIPGATE_SELF_COVERAGE below): kept unless remade.
mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name vitest-v8-self -exec rm -rf {} +
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
    --reporter=text-summary --report-dir="$work/js/coverage" node --test 'test/*.test.js' >"$printed/js-run.txt"
  "$c8" report --reporter=text-summary --report-dir="$work/js/coverage" >"$printed/js-summary.txt"
  cp coverage/lcov.info "$out/js/lcov.info"
  cp coverage/cobertura-coverage.xml "$out/js/cobertura-coverage.xml"
  cp coverage/clover.xml "$out/js/clover.xml"
  cp coverage/coverage-final.json "$out/js/coverage-final.json"
  cp coverage/coverage-summary.json "$out/js/coverage-summary.json"
)

# Every istanbul reporter of our formats, copied from a producer's report folder to $out/$1.
istanbul_reports=(lcov cobertura clover json json-summary text-summary)
keep_istanbul_reports() {
  mkdir -p "$out/$1"
  cp "$2/lcov.info" "$2/cobertura-coverage.xml" "$2/clover.xml" "$2/coverage-final.json" "$2/coverage-summary.json" "$out/$1/"
}

# vitest with both coverage providers, over the same package (its own test files import vitest).
for provider in v8 istanbul; do
  rm -rf "$work/vitest-$provider" && cp -r "$fixtures/src-js" "$work/vitest-$provider"
  (
    cd "$work/vitest-$provider"
    ln -s "$tools/node_modules" node_modules
    reporters=()
    for reporter in "${istanbul_reports[@]}"; do reporters+=("--coverage.reporter=$reporter"); done
    "$bin/vitest" run --root . --dir test-vitest --coverage.enabled --coverage.provider="$provider" \
      --coverage.include='lib/**' "${reporters[@]}" --coverage.reportsDirectory=coverage >"$printed/vitest-$provider-run.txt" 2>&1
    # vitest prints the text-summary after the run; keep only its lines.
    sed -n '/Coverage summary/,/^=*$/p' "$printed/vitest-$provider-run.txt" >"$printed/vitest-$provider-summary.txt"
    keep_istanbul_reports "vitest-$provider" coverage
  )
done

# jest (babel-plugin-istanbul, jest's default provider), ESM through node's vm modules.
rm -rf "$work/jest" && cp -r "$fixtures/src-js" "$work/jest"
(
  cd "$work/jest"
  reporters=()
  for reporter in "${istanbul_reports[@]}"; do reporters+=("--coverageReporters=$reporter"); done
  NODE_OPTIONS=--experimental-vm-modules "$bin/jest" --rootDir . --roots '<rootDir>/test-jest' --coverage \
    --collectCoverageFrom='lib/**/*.js' "${reporters[@]}" --coverageDirectory=coverage >"$printed/jest-run.txt" 2>&1
  sed -n '/Coverage summary/,/^=*$/p' "$printed/jest-run.txt" >"$printed/jest-summary.txt"
  keep_istanbul_reports jest coverage
)

# nyc (istanbul's require hook, CommonJS only) over a plain script.
rm -rf "$work/nyc" && cp -r "$fixtures/src-js" "$work/nyc"
(
  cd "$work/nyc"
  reporters=()
  for reporter in "${istanbul_reports[@]}"; do reporters+=("--reporter=$reporter"); done
  "$bin/nyc" --include='cjs/calc.cjs' --extension=.cjs "${reporters[@]}" --report-dir=coverage node cjs/run.cjs >"$printed/nyc-run.txt"
  "$bin/nyc" report --reporter=text-summary --report-dir=coverage >"$printed/nyc-summary.txt"
  keep_istanbul_reports nyc coverage
)

# The real negative count: records of shipgate's own `npm run test:coverage` (vitest v8) that carry one.
# The whole suite takes minutes, so it runs only when asked: SHIPGATE_SELF_COVERAGE=<its coverage folder>.
if [[ -n "${SHIPGATE_SELF_COVERAGE:-}" ]]; then
  python3 "$repo/scripts/coverage-self-records.py" "$SHIPGATE_SELF_COVERAGE" "$out/vitest-v8-self" "vitest $("$bin/vitest" --version | sed 's/^vitest\///; s/ .*//')"
fi

versions="$work/versions.json"
python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' \
  coverage.py "$(python3-coverage --version | head -1)" lcov "$(lcov --version)" gcovr "$(gcovr --version | head -1)" \
  go "$(go version)" c8 "c8 $("$c8" --version)" nyc "nyc $("$bin/nyc" --version)" jest "jest $("$bin/jest" --version)" \
  vitest "vitest $("$bin/vitest" --version | sed 's/^vitest\///; s/ .*//')" >"$versions"
python3 "$repo/scripts/coverage-fixture-summaries.py" "$printed" "$work" "$versions" "$out" >"$out/summaries.json"
echo "wrote $out"
# The conformance table reads shipgate's own totals of every fixture from its CLI.
(cd "$repo" && node scripts/coverage-conformance.ts) >"$repo/docs/conformance-coverage.md"
echo "wrote $repo/docs/conformance-coverage.md"
