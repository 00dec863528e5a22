#!/usr/bin/env python3
"""Summarise one oha JSON report (read on stdin) as a single line:

    rps p50_ms p99_ms non2xx

rps     summary.requestsPerSec, as oha computes it: every finished request (any HTTP
        status) plus transport errors, divided by the run's wall time. With -z and
        without -w, requests cut off at the deadline ("aborted due to deadline") are
        counted too; there are at most -c of them.
p50_ms  latencyPercentiles.p50 converted from seconds to milliseconds.
p99_ms  latencyPercentiles.p99 likewise. oha's percentiles cover every request that got an
        HTTP response, whatever its status (not transport errors). "nan" when there was none.
non2xx  the number of responses whose status is outside 200-299, summed over
        statusCodeDistribution (its keys are status codes as strings, e.g. "200", "401").

Field names come from oha's printer.rs / schema.json (checked against oha 1.16.0; the same
fields exist in earlier JSON-capable releases). oha writes NaN as JSON null.

Anything unusual (non-2xx responses, transport errors other than the deadline cut-off) is
also described on stderr so that it is not lost. With --strict the exit status is 1 in that
case. Exit status 2 means the input was not an oha JSON report.
"""

from __future__ import annotations

import json
import math
import sys

DEADLINE_ERROR = "aborted due to deadline"


def _num(value) -> float:
    """oha serialises NaN (no samples) as null; keep it as NaN."""
    if value is None:
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _fmt(value: float, digits: int) -> str:
    return "nan" if math.isnan(value) else f"{value:.{digits}f}"


def summarise(report: dict) -> tuple[float, float, float, int, dict, dict]:
    summary = report["summary"]
    rps = _num(summary.get("requestsPerSec"))

    percentiles = report.get("latencyPercentiles")
    if percentiles is None:
        # Only the newer "metrics" block (oha >= 1.15) is present: already in ms.
        metrics = report.get("metrics", {}).get("latency_ms", {})
        p50_ms = _num(metrics.get("p50"))
        p99_ms = _num(metrics.get("p99"))
    else:
        p50_ms = _num(percentiles.get("p50")) * 1000.0
        p99_ms = _num(percentiles.get("p99")) * 1000.0

    statuses = {str(k): int(v) for k, v in (report.get("statusCodeDistribution") or {}).items()}
    non2xx_by_code = {}
    for code, count in statuses.items():
        try:
            ok = 200 <= int(code) <= 299
        except ValueError:
            ok = False
        if not ok and count:
            non2xx_by_code[code] = count
    non2xx = sum(non2xx_by_code.values())

    errors = {
        str(k): int(v)
        for k, v in (report.get("errorDistribution") or {}).items()
        if str(k) != DEADLINE_ERROR and int(v)
    }
    return rps, p50_ms, p99_ms, non2xx, non2xx_by_code, errors


def main(argv: list[str]) -> int:
    strict = "--strict" in argv[1:]
    unknown = [a for a in argv[1:] if a != "--strict"]
    if unknown:
        print(f"usage: {argv[0]} [--strict] < oha.json", file=sys.stderr)
        return 2

    raw = sys.stdin.read()
    try:
        report = json.loads(raw)
        rps, p50_ms, p99_ms, non2xx, by_code, errors = summarise(report)
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        head = raw.strip().splitlines()[:3]
        print(f"parse_oha: not an oha JSON report ({exc!r}); input began: {head}", file=sys.stderr)
        return 2

    print(f"{_fmt(rps, 1)} {_fmt(p50_ms, 3)} {_fmt(p99_ms, 3)} {non2xx}")

    problem = False
    if non2xx:
        problem = True
        detail = ", ".join(f"{code}: {n}" for code, n in sorted(by_code.items()))
        print(f"parse_oha: {non2xx} non-2xx responses ({detail})", file=sys.stderr)
    if errors:
        problem = True
        detail = "; ".join(f"{msg}: {n}" for msg, n in sorted(errors.items()))
        print(f"parse_oha: {sum(errors.values())} transport errors ({detail})", file=sys.stderr)
    return 1 if (strict and problem) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
