//! `sigil-bench`: the load and measurement driver behind `bench/run.sh`.
//!
//! Every subcommand prints a human summary on stderr and exactly one JSON object on stdout, so the
//! script can parse the result without scraping text. Exit status: 0 success (including a scenario
//! reported as skipped), 1 runtime failure, 2 bad arguments (clap).
mod assertion;
mod bare;
mod console;
mod device;
mod dpop;
mod flow;
mod http;
mod latency;
mod load;
mod passkey;
mod ratelimit;
mod refresh;
mod seed;
mod sign;
mod signin_search;
mod stats;
mod wait;

use clap::{Parser, Subcommand};

pub type AnyError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Parser)]
#[command(name = "sigil-bench", version, about = "Load and measurement driver for Sigil's benchmark")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// ES256 signatures per second on one thread (aws-lc-rs EcdsaKeyPair kept in memory).
    SignCeiling(sign::Args),
    /// Insert grants (one refresh token each) and sign-in log rows directly through the store.
    SeedGrants(seed::Args),
    /// Refresh-token rotation under load: every token used once, successors chained.
    Refresh(refresh::Args),
    /// Authorization-code flow with an existing session (skipped while /authorize is not built).
    Flow(flow::Args),
    /// Sequential requests on one connection: per-request latency.
    Latency(latency::Args),
    /// Wait until a URL answers 200 and report the time since a given instant (startup time).
    WaitReady(wait::Args),
    /// Closed-loop HTTP load (oha stand-in for `run.sh --smoke` when oha is not installed).
    Load(load::Args),
    /// DPoP-bound client credentials (RFC 9449) under load, proofs made before the timed phase.
    Dpop(dpop::Args),
    /// A bare axum endpoint serving a fixed body: the same-run ceiling for served-from-memory GETs.
    Bare(bare::Args),
    /// Sign-in log lookups by trace id through the store (the query behind `sigil logs --trace-id`).
    LogLookup(latency::LookupArgs),
    /// Device-code polling against many pending codes (seeded through the store).
    DevicePoll(device::Args),
    /// Client credentials with `private_key_jwt` (PS256 assertions) under load.
    Assertion(assertion::Args),
    /// The rate limiter's cost per request, counting in memory (one thread).
    RatelimitCost(ratelimit::Args),
    /// Sign-in log search through the admin API on a seeded log (1M rows by default): p50/p99 of
    /// the console's default queries.
    SigninSearch(signin_search::Args),
    /// The admin console's first paint: the sign-in log page over seeded records, signed in.
    Console(console::Args),
    /// Passkey assertion verifications per second on one core, and (with --url) full passkey
    /// sign-ins per second over HTTP.
    Passkey(passkey::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        // Single-threaded by construction: no runtime at all.
        Command::SignCeiling(a) => sign::run(&a),
        other => {
            let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
            rt.block_on(async move {
                match other {
                    Command::SeedGrants(a) => seed::run(a).await,
                    Command::Refresh(a) => refresh::run(a).await,
                    Command::Flow(a) => flow::run(a).await,
                    Command::Latency(a) => latency::run(a).await,
                    Command::LogLookup(a) => latency::run_lookup(a).await,
                    Command::Load(a) => load::run(a).await,
                    Command::WaitReady(a) => wait::run(a).await,
                    Command::Bare(a) => bare::run(a).await,
                    Command::DevicePoll(a) => device::run(a).await,
                    Command::Dpop(a) => dpop::run(a).await,
                    Command::Assertion(a) => assertion::run(a).await,
                    Command::RatelimitCost(a) => ratelimit::run(a).await,
                    Command::SigninSearch(a) => signin_search::run(a).await,
                    Command::Console(a) => console::run(a).await,
                    Command::Passkey(a) => passkey::run(a).await,
                    Command::SignCeiling(_) => unreachable!("handled above"),
                }
            })
        }
    };
    match result {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("sigil-bench: error: {e}");
            std::process::exit(1);
        }
    }
}
