//! `server` — run TechPlus, or load the demo data.

use clap::{Parser, Subcommand};
use server::config::Config;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "server", version, about = "TechPlus restaurant reservations")]
struct Cli {
    /// Load the demo restaurant before serving, even if the database has data.
    #[arg(long)]
    seed_demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Create and migrate the database, load the demo restaurant, and exit.
    SeedDemo,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => return fail(&e),
    };
    config.seed_demo = cli.seed_demo || matches!(cli.command, Some(Command::SeedDemo));
    server::telemetry::init(config.log_format);

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => return fail(&e),
    };
    let result = runtime.block_on(async {
        let started = server::start(&config).await?;
        if matches!(cli.command, Some(Command::SeedDemo)) {
            started.state.store.close().await;
            return Ok(());
        }
        let addr = config.leptos.site_addr;
        let listener = server::bind(addr).await?;
        tracing::info!("listening on http://{addr}");
        server::serve(started, listener, server::shutdown_signal()).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// One clear line on stderr, no backtrace.
fn fail(error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}
