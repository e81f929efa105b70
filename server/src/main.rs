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
    /// Manage administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an admin (or promote an existing account). The password is
    /// read from a prompt, or from standard input when it is not a terminal.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Admin")]
        name: String,
    },
}

/// Reads the new admin's password: from a hidden prompt on a terminal,
/// else the first line of standard input.
fn read_password() -> Result<String, String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")
            .map_err(|e| e.to_string())?;
        let again =
            rpassword::prompt_password("Same password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the two passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let email = domain::Email::parse(email).map_err(|e| format!("--email: {e}"))?;
    let name = domain::GuestName::parse(name).map_err(|e| format!("--name: {e}"))?;
    let password = domain::Password::parse(&read_password()?).map_err(|e| e.to_string())?;
    let (store, opened) = backend::Store::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    if opened.is_empty {
        backend::seed::seed_demo(&store)
            .await
            .map_err(|e| e.to_string())?;
    }
    let result = backend::services::accounts::create_admin(
        &store,
        backend::now(),
        email.clone(),
        name,
        password,
    )
    .await
    .map_err(|e| e.to_string());
    store.close().await;
    result?;
    println!("admin ready: {email}");
    Ok(())
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
    if let Some(Command::Admin {
        command: AdminCommand::Create { email, name },
    }) = &cli.command
    {
        return match runtime.block_on(create_admin(&config, email, name)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
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
