#!/usr/bin/env python3
"""Regenerates test/fixtures/mann-whitney/cases.json: samples with scipy.stats.mannwhitneyu's own U statistic and
two-sided p-value (method="auto", and the method auto chose, by scipy's own rule) and numpy's Hodges-Lehmann shift
(the median of every pairwise difference). The output is committed so the tests need neither scipy nor numpy; they
assert that src/rollout/mann-whitney.ts gives the same figures.

Needs python3 with scipy and numpy (Debian: apt-get install python3-scipy). Deterministic: a fixed seed.
Usage: python3 scripts/make-mann-whitney-fixtures.py [output.json]   (default: the committed fixture)
"""
import json
import pathlib
import sys

import numpy as np
import scipy
from scipy.stats import mannwhitneyu
from scipy.stats._mannwhitneyu import _mwu_choose_method

rng = np.random.default_rng(20261202)
cases = []


def auto_method(x, y, ties):
    """The method scipy's method="auto" takes, by scipy's own rule (its signature changed in scipy 1.11)."""
    try:
        return _mwu_choose_method(len(x), len(y), ties)
    except TypeError:
        return _mwu_choose_method(len(x), len(y), np.array(x + y), "auto")


def add(name, x, y, why):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    res = mannwhitneyu(x, y, alternative="two-sided", method="auto")
    ties = len(set(x + y)) < len(x) + len(y)
    cases.append({
        "name": name,
        "why": why,
        "method": auto_method(x, y, ties),
        "u": float(res.statistic),
        "pValue": float(res.pvalue),
        "shift": float(np.median(np.subtract.outer(np.array(x), np.array(y)))),
        "x": x,
        "y": y,
    })


def r(values, decimals):
    return np.round(np.asarray(values, dtype=float), decimals)


# Tiny and degenerate samples.
add("n1-each", [3.0], [1.0], "one value each: exact, p = 1")
add("n1-vs-5", [10.0], [1.0, 2.0, 3.0, 4.0, 5.0], "one canary value above five baseline values")
add("tiny-separated", [4.0, 5.0, 6.0], [1.0, 2.0, 3.0], "fully separated, exact")
add("tiny-interleaved", [1.0, 4.0, 5.0], [2.0, 3.0, 6.0], "interleaved, exact")
add("tiny-tie", [1.0, 2.0, 2.0], [2.0, 3.0, 4.0], "a tie in tiny samples: asymptotic by scipy's rule")
add("all-equal", [0.0] * 12, [0.0] * 15, "every value equal: no spread")
add("all-equal-tiny", [7.0] * 3, [7.0] * 2, "every value equal, tiny")
same = r(rng.normal(100, 5, 40), 3)
add("identical-series", same, same, "the canary repeats the baseline exactly")
add("exact-8-vs-8", r(rng.normal(0, 1, 8), 6), r(rng.normal(0.5, 1, 8), 6), "largest both-small exact case")
add("exact-9-vs-8", r(rng.normal(0, 1, 9), 6), r(rng.normal(1, 1, 8), 6), "one side at 8: still exact")
add("asymptotic-9-vs-9", r(rng.normal(0, 1, 9), 6), r(rng.normal(1, 1, 9), 6), "both above 8: asymptotic")
add("exact-5-vs-400", r(rng.normal(0.3, 1, 5), 9), r(rng.normal(0, 1, 400), 9), "a small canary against a long baseline: exact")
add("exact-3-vs-2000", r(rng.normal(3, 1, 3), 9), r(rng.normal(0, 1, 2000), 9), "exact with a long baseline and an extreme U")
add("exact-8-vs-8-separated", list(range(9, 17)), list(range(1, 9)), "exact, smallest p of 8 vs 8")

# Ties of every kind.
add("many-ties-integers", rng.integers(0, 4, 30), rng.integers(0, 4, 25), "small integers: heavy ties")
add("ties-shifted", rng.integers(1, 6, 40), rng.integers(0, 5, 40), "ties and a shift of one")
add("one-value-differs", [1.0] * 19 + [2.0], [1.0] * 20, "one canary value differs from an otherwise constant pair")
add("constant-vs-constant", [5.0] * 12, [1.0] * 12, "two constants: ties only within each side")

# Larger and shaped samples.
add("normal-null-200", r(rng.normal(50, 10, 200), 4), r(rng.normal(50, 10, 200), 4), "no difference, n = 200")
add("normal-shift-200", r(rng.normal(52, 10, 200), 4), r(rng.normal(50, 10, 200), 4), "a small shift, n = 200")
add("separated-50", r(rng.normal(100, 1, 50), 6) + 20, r(rng.normal(100, 1, 50), 6), "fully separated, a very small p")
add("skewed-exponential", r(rng.exponential(2.0, 120), 5), r(rng.exponential(1.5, 90), 5), "skewed, unequal sizes")
add("skewed-pareto", r(rng.pareto(2.5, 150) + 1, 5), r(rng.pareto(3.0, 150) + 1, 5), "heavy tails")
add("negative-values", r(rng.normal(-3, 2, 60), 5), r(rng.normal(-2, 2, 70), 5), "negative values, canary lower")
add("odd-times-odd", r(rng.normal(0, 1, 33), 6), r(rng.normal(0, 1, 41), 6), "odd count of pairwise differences")

# Real-looking bake-window series.
latency_base = r(rng.lognormal(np.log(0.120), 0.25, 600), 4)
latency_same = r(rng.lognormal(np.log(0.120), 0.25, 600), 4)
latency_slow = r(rng.lognormal(np.log(0.150), 0.25, 600), 4)
add("latency-p99-healthy", latency_same, latency_base, "seconds, rounded to 0.1 ms (ties), no difference")
add("latency-p99-degraded", latency_slow, latency_base, "seconds, the canary 25 % slower")
errors_base = r(rng.binomial(200, 0.004, 300) / 200, 6)
errors_same = r(rng.binomial(200, 0.004, 300) / 200, 6)
errors_bad = r(rng.binomial(200, 0.02, 300) / 200, 6)
add("error-ratio-healthy", errors_same, errors_base, "ratios of 200 requests: mostly zero, heavy ties")
add("error-ratio-degraded", errors_bad, errors_base, "error ratio 2 % against 0.4 %")
flap = r(0.01 + 0.002 * np.sign(np.sin(np.arange(120) / 3.0)) + rng.normal(0, 0.0005, 120), 6)
flap_base = r(0.01 + 0.002 * np.sign(np.sin(np.arange(120) / 3.0 + 1.0)) + rng.normal(0, 0.0005, 120), 6)
add("flapping-around-threshold", flap, flap_base, "both sides flap around 1 %")
add("latency-ms-integers", rng.poisson(85, 500), rng.poisson(84, 480), "whole milliseconds: ties everywhere, a 1 ms shift")
outlier_base = r(rng.normal(0.2, 0.02, 100), 5)
add("one-wild-outlier", np.append(outlier_base[:99], 50.0), outlier_base, "the baseline with one sample replaced by a wild outlier")
add("exact-8-vs-1500", r(rng.normal(0.5, 1, 8), 9), r(rng.normal(0, 1, 1500), 9), "the largest exact case a canary of 8 samples gives")
add("large-2000-vs-1800", r(rng.gamma(4.0, 0.05, 2000), 4), r(rng.gamma(4.0, 0.048, 1800), 4), "a long bake window")

repo = pathlib.Path(__file__).resolve().parent.parent
out = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else repo / "test" / "fixtures" / "mann-whitney" / "cases.json"
document = {
    "madeBy": f"scripts/make-mann-whitney-fixtures.py with scipy {scipy.__version__} and numpy {np.__version__}",
    "test": "scipy.stats.mannwhitneyu(x, y, alternative='two-sided', method='auto'); shift = numpy.median(numpy.subtract.outer(x, y))",
    "cases": cases,
}
out.write_text(json.dumps(document, separators=(",", ":")) + "\n")
print(f"{len(cases)} cases -> {out} ({out.stat().st_size} bytes)")
