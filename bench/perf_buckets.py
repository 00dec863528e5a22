#!/usr/bin/env python3
"""Where Sigil's CPU time goes, from a perf profile with call stacks.

usage: perf script -i perf.data -F comm,tid,ip,sym,dso | python3 bench/perf_buckets.py

Every sample is put in exactly one bucket (first rule that matches, see BUCKETS), and a second
table gives inclusive shares (samples whose stack contains a frame matching a pattern) for the
functions worth knowing about. Stacks must be complete enough to see the callers: record with
`perf record --call-graph dwarf` (Rust release builds have no frame pointers). bench/profile.sh
does all of it.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

ALLOC = re.compile(r"^(malloc|free|cfree|realloc|calloc|_int_malloc|_int_free|_int_realloc|malloc_consolidate|"
                   r"unlink_chunk|tcache_|__libc_malloc|__libc_free|__rust_alloc|__rust_dealloc|__rdl_)")
RSA = re.compile(r"rsa_|RSA_|rsaz|RsaKeyPair")
ECDSA = re.compile(r"ECDSA|ecdsa|ecp_nistz256|p256|bignum_|\bBN_|bn_mul|bn_sqr|montinv|EcdsaKeyPair|CRYPTO_rdrand")
KERNEL_NET = re.compile(r"tcp_|sock_|inet_|__sys_(sendto|recvfrom)|sendmsg|recvmsg|epoll|ip_|__x64_sys_(write|read|writev)|"
                        r"net_rx|__napi|skb|loopback|ksys_(write|read)|__netif")

# The scheduler's switch path: sqlx hands each statement to the connection's own thread and its
# rows back over channels, so each hand-off parks and wakes a thread.
SWITCH = re.compile(r"finish_task_switch|__schedule|futex_|schedule$|try_to_wake_up")

# (bucket, test(comm, frames)) -- frames are (symbol, dso), leaf first.
def first_crate(frames) -> str | None:
    for sym, _ in frames:
        for pat, name in (
            (r"hyper::|hyper_util::|httparse", "HTTP/1 parsing and writing (hyper, httparse)"),
            (r"serde_json|serde_urlencoded|form_urlencoded", "JSON / form (de)serialisation (serde_json, serde_urlencoded)"),
            (r"metrics_exporter_prometheus|metrics_util|metrics::|sigil_http::metrics", "metrics (Prometheus recorder)"),
            (r"tracing", "tracing spans and events"),
            (r"AppState as core::clone::Clone|drop_in_place<sigil_http::AppState>", "AppState clone/drop (Arc refcounts)"),
            (r"axum::|tower::|matchit", "axum / tower routing and extractors"),
            (r"base64", "base64 (JWT encoding, Basic auth)"),
            (r"uuid", "uuid formatting/generation"),
            (r"aws_lc|hmac|HMAC|sha256|SHA256|aes_hw|rdrand", "other aws-lc (HMAC secret check, SHA-256, AES-GCM, RNG)"),
            (r"tokio::|mio::", "tokio runtime and I/O driver"),
            (r"sigil_", "Sigil's own code"),
        ):
            if re.search(pat, sym):
                return name
    return None


def bucket(comm: str, frames) -> str:
    syms = [s for s, _ in frames]
    leaf_sym, leaf_dso = frames[0] if frames else ("?", "?")
    kernel_leaf = "kernel" in leaf_dso
    if comm.startswith("sqlx-sqlite"):
        # sqlx runs each SQLite connection on its own thread. Under client credentials the only
        # database work is the sign-in log; under refresh/flows it is also the grant queries.
        if kernel_leaf and any(SWITCH.search(s) for s in syms):
            return "SQLite connection threads (sqlx): kernel: thread hand-offs (futex, context switch)"
        return "SQLite connection threads (sqlx): kernel (file I/O, fsync)" if kernel_leaf \
            else "SQLite connection threads (sqlx): SQLite + sqlx"
    if any("signin_writer" in s or "write_signins" in s for s in syms):
        return "sign-in log: writer task on the runtime (batching, query building)"
    if any(RSA.search(s) for s in syms):
        return "RSA-2048 signing (aws-lc; RS256 ID tokens)"
    if any(ECDSA.search(s) for s in syms):
        return "ECDSA P-256 signing (aws-lc)"
    if kernel_leaf:
        if any(KERNEL_NET.search(s) for s in syms):
            return "kernel: loopback TCP, epoll, socket syscalls"
        return "kernel: other (scheduler, futex, timers, page faults)"
    if ALLOC.search(leaf_sym):
        return "allocator (malloc/free self time)"
    if re.search(r"memmove|memcpy|memset|memcmp|strlen", leaf_sym):
        name = first_crate(frames[1:])
        return f"libc mem* under: {name}" if name else "libc mem* (other)"
    name = first_crate(frames)
    if name:
        return name
    if comm.startswith("tokio"):
        return f"other on runtime thread ({leaf_sym[:60]})"
    return f"other thread {comm}"


INCLUSIVE = [
    ("sigil_http::meta::middleware (whole request inside axum)", r"sigil_http::meta::middleware"),
    ("sigil_http::endpoints::token::token (handler)", r"sigil_http::endpoints::token::token"),
    ("sigil_core::grant::token (grant logic)", r"sigil_core::grant::token"),
    ("SigningKey::sign_jwt", r"SigningKey>?::sign_jwt|SigningKey::sign_jwt"),
    ("EcdsaKeyPair::sign (aws-lc ECDSA)", r"EcdsaKeyPair.*sign|ECDSA_do_sign|ecdsa_sign"),
    ("RSA signing (aws-lc)", RSA.pattern),
    ("client_auth::authenticate", r"client_auth::authenticate"),
    ("Metrics::request / token_issued", r"sigil_http::metrics::Metrics"),
    ("serde_json (any)", r"serde_json"),
    ("hyper (any)", r"hyper::"),
    ("tracing (any)", r"tracing"),
    ("i18n::negotiate", r"i18n::negotiate"),
    ("form::parse_form", r"form::parse_form"),
    ("SigninWriter::record (enqueue)", r"SigninWriter.*record|SigninSink"),
    ("AppState clone+drop", r"AppState as core::clone::Clone|drop_in_place<sigil_http::AppState>"),
    ("allocator (any malloc/free frame)", ALLOC.pattern),
]


def samples(stream):
    comm, frames = None, []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
            continue
        if not line.startswith((" ", "\t")):
            if comm is not None:
                yield comm, frames
            comm, frames = line.split()[0], []
            continue
        m = re.match(r"\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)\s*$", line)
        if m:
            frames.append((m.group(1), m.group(2)))
    if comm is not None:
        yield comm, frames


def main() -> int:
    by_bucket: Counter[str] = Counter()
    by_thread: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for comm, frames in samples(sys.stdin):
        total += 1
        by_thread[comm] += 1
        by_bucket[bucket(comm, frames)] += 1
        syms = [s for s, _ in frames]
        for label, pat in INCLUSIVE:
            if any(re.search(pat, s) for s in syms):
                inclusive[label] += 1
    if not total:
        print("no samples", file=sys.stderr)
        return 1
    print(f"{total} samples")
    print("\nby thread:")
    for k, v in by_thread.most_common():
        print(f"  {100 * v / total:5.1f}%  {k}")
    print("\nexclusive buckets (each sample counted once):")
    for k, v in by_bucket.most_common():
        print(f"  {100 * v / total:5.1f}%  {k}")
    print("\ninclusive (sample's stack contains the function):")
    for label, _ in INCLUSIVE:
        print(f"  {100 * inclusive[label] / total:5.1f}%  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
