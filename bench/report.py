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
    bare = next((num(r[2]) for r in rows if r[0].startswith("bare axum")), math.nan)
    if not math.isnan(bare) and bare > 0:
        static = [(r[0].split(" GET")[0], num(r[2])) for r in rows
                  if r[0].startswith(("discovery", "JWKS")) and r[1].startswith("sigil")]
        print(f"bare axum endpoint, same JWKS bytes, same load generator (same run): {bare:,.0f} req/s; "
              + ", ".join(f"Sigil {name} = {100 * v / bare:.0f}% of it" for name, v in static))
    drops = {k[len("drops_"):]: v for k, v in meta.items() if k.startswith("drops_")}
    if drops:
        print("sign-in log drops (sigil_signin_log_dropped_total from /metrics): "
              + ", ".join(f"{k} {v}" for k, v in drops.items()))
    if "ratelimit_ns_per_check" in meta:
        print(f"rate limiter (client, address, prefix; in memory, one thread): "
              f"{meta['ratelimit_ns_per_check']} ns per check (off in the load rows above)")
    if "passkey_verifications_per_sec" in meta:
        print(f"passkey assertion verifications (webauthn-rs, in process, one thread): "
              f"{float(meta['passkey_verifications_per_sec']):,.0f}/s")
    print_targets(rows, cc, ceiling, drops, meta.get("mode", ""))
    for key, label in (("mode", "mode"), ("placement", "placement"), ("loadgen", "load generator"),
                       ("peak_note", "memory"), ("binary", "binary")):
        if key in meta:
            print(f"{label}: {meta[key]}")
    return 0


def print_targets(rows: list[list[str]], cc: dict, ceiling: float, drops: dict[str, str], mode: str) -> None:
    """Issue 7's targets against this run: printed, never asserted (a benchmark is not a test)."""
    out: list[tuple[str, str, bool | None]] = []

    def sigil_rows(prefix: str, server: str = "sigil") -> list[list[str]]:
        return [r for r in rows if r[0].startswith(prefix) and r[1].startswith(server)]

    c16 = cc.get("client credentials c=16", {})
    s16, p16 = c16.get("sigil", math.nan), c16.get("peer", math.nan)
    if math.isnan(s16):
        out.append(("client credentials >= 10x node-oidc-provider (c=16)", "no c=16 run", None))
    else:
        ratio = s16 / p16 if p16 > 0 else math.nan
        out.append(("client credentials >= 10x node-oidc-provider (c=16)", f"{ratio:.1f}x", ratio >= 10))
        p99 = num(next((r[4] for r in sigil_rows("client credentials c=16")), "nan"))
        out.append(("client credentials p99 < 2 ms (c=16)", f"{p99:.2f} ms", p99 < 2))
        share = s16 / ceiling if ceiling > 0 else math.nan
        out.append(("client credentials >= 60% of the one-core ES256 ceiling", f"{100 * share:.0f}%", share >= 0.6))
    for backend, goal in (("SQLite", 10_000), ("PostgreSQL", 5_000)):
        refresh = sigil_rows("refresh rotation", f"sigil ({backend})")
        if refresh:
            best = max(refresh, key=lambda r: num(r[2]))
            label = best[0].replace("refresh rotation ", "")
            out.append((f"refresh rotation >= {goal:,}/s on {backend}", f"{num(best[2]):,.0f}/s ({label})",
                        num(best[2]) >= goal))
    dup = [int(m) for r in sigil_rows("refresh rotation")
           for m in [r[7].split("duplicate successors: ")[1].split(";")[0]] if "duplicate successors: " in r[7]]
    if dup:
        out.append(("zero double-issued successors", f"{sum(dup)} in {len(dup)} runs", sum(dup) == 0))
    idle = [num(r[6]) for r in sigil_rows("startup")]
    if idle:
        out.append(("idle RSS < 30 MB", f"{max(idle) / 1024:.1f} MB", max(idle) < 30 * 1024))
    cc_rss = [num(r[6]) for r in sigil_rows("client credentials")]
    if cc_rss:
        out.append(("RSS < 100 MB under client-credentials load", f"{max(cc_rss) / 1024:.1f} MB",
                    max(cc_rss) < 100 * 1024))
    static = [num(r[2]) for r in sigil_rows("discovery") + sigil_rows("JWKS")]
    if static:
        out.append(("discovery and JWKS >= 50,000/s", f"{min(static):,.0f}/s (slower of the two)",
                    min(static) >= 50_000))
    clean = {"0 / 0", "0 failed", "-"}
    bad = [r[0] + " [" + r[1] + "]" for r in rows if r[5] not in clean]
    out.append(("no non-2xx answers or transport errors", "none" if not bad else "; ".join(bad), not bad))
    dropped = {k: v for k, v in drops.items() if v != "0"}
    out.append(("no sign-in log drops", "none" if not dropped else str(dropped), not dropped))

    smoke = " (smoke mode: debug build, c=4 - these verdicts say nothing)" if mode.startswith("smoke") else ""
    print(f"targets (issue 7; printed, not asserted){smoke}:")
    width = max(len(t[0]) for t in out)
    for name, measured, ok in out:
        verdict = "n/a" if ok is None else ("met" if ok else "MISSED")
        print(f"  {name.ljust(width)}  {verdict:6}  {measured}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
