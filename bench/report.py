#!/usr/bin/env python3
"""Print bench/run.sh's final table.

usage: report.py ROWS.tsv META.tsv

ROWS.tsv: scenario, server, throughput (req/s), p50 ms, p99 ms, "non-2xx / errors", peak RSS kB,
notes; one line per measurement, "-" where a column does not apply.
META.tsv: key, value (sign_ceiling, drops_*, placement, loadgen, mode, peak_note, binary).
"""

from __future__ import annotations

import math
import sys


def num(s: str) -> float:
    try:
        return float(s)
    except ValueError:
        return math.nan


def fmt_rps(s: str) -> str:
    v = num(s)
    return s if math.isnan(v) else f"{v:,.0f}"


def fmt_ms(s: str) -> str:
    v = num(s)
    if math.isnan(v):
        return s
    return f"{v:.2f}" if v < 100 else f"{v:.0f}"


def fmt_mb(s: str) -> str:
    v = num(s)
    return s if math.isnan(v) else f"{v / 1024:.1f}"


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    rows = [line.rstrip("\n").split("\t") for line in open(argv[1]) if line.strip()]
    meta: dict[str, str] = {}
    for line in open(argv[2]):
        if "\t" in line:
            k, v = line.rstrip("\n").split("\t", 1)
            meta[k] = v

    head = ["scenario", "server", "req/s", "p50 ms", "p99 ms", "non-2xx / errors", "peak RSS MB", "notes"]
    table = [[r[0], r[1], fmt_rps(r[2]), fmt_ms(r[3]), fmt_ms(r[4]), r[5], fmt_mb(r[6]), r[7]] for r in rows]
    widths = [max(len(head[i]), *(len(t[i]) for t in table)) if table else len(head[i]) for i in range(len(head))]
    right = {2, 3, 4, 6}

    def line(cells: list[str]) -> str:
        out = []
        for i, c in enumerate(cells):
            if i == len(cells) - 1:
                out.append(c)
            else:
                out.append(c.rjust(widths[i]) if i in right else c.ljust(widths[i]))
        return "| " + " | ".join(out) + " |"

    print()
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for t in table:
        print(line(t))
    print()

    # Client credentials: Sigil / peer and Sigil / ES256 single-core ceiling.
    cc = {}
    for r in rows:
        if r[0].startswith("client credentials c="):
            cc.setdefault(r[0], {})["peer" if "oidc-provider" in r[1] else "sigil"] = num(r[2])
    ceiling = num(meta.get("sign_ceiling", "nan"))
    if not math.isnan(ceiling):
        print(f"ES256 single-core ceiling (aws-lc-rs, one thread, same run): {ceiling:,.0f} signatures/s")
    for name, v in cc.items():
        parts = [f"{name}:"]
        s = v.get("sigil", math.nan)
        if "peer" in v and v["peer"] > 0:
            parts.append(f"Sigil/peer = {s / v['peer']:.2f}x ({s:,.0f} vs {v['peer']:,.0f} req/s);")
        else:
            parts.append("no peer run;")
        if not math.isnan(ceiling) and ceiling > 0:
            parts.append(f"Sigil = {100 * s / ceiling:.0f}% of the ES256 single-core ceiling")
        print("  " + " ".join(parts))
    drops = {k[len("drops_"):]: v for k, v in meta.items() if k.startswith("drops_")}
    if drops:
        print("sign-in log drops (sigil_signin_log_dropped_total from /metrics): "
              + ", ".join(f"{k} {v}" for k, v in drops.items()))
    for key, label in (("mode", "mode"), ("placement", "placement"), ("loadgen", "load generator"),
                       ("peak_note", "memory"), ("binary", "binary")):
        if key in meta:
            print(f"{label}: {meta[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
