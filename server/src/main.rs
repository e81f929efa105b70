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
    /// Start a new restaurant in an empty database (instead of the demo):
    /// its name and time zone; hours, tables and menu are then set from
    /// the dashboard by an admin (`server admin create`).
    Init {
        /// The restaurant's name, as diners see it.
        #[arg(long)]
        name: String,
        /// Its IANA time zone, e.g. `Europe/Paris`.
        #[arg(long)]
        time_zone: String,
    },
    /// Manage administrator accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Change the restaurant's booking settings.
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Demo data, for trying the site and for load tests.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Add confirmed bookings to the restaurant, as guests would have made
    /// them: the coming days (fuller near today) and as many past days as
    /// it takes, each placed by the booking rules. No e-mail is sent.
    /// Refused when the restaurant has bookings already.
    Bookings {
        /// How many bookings.
        #[arg(long, default_value_t = 20_000)]
        count: usize,
        /// Seed of the random choices: the same seed, day and setup give the
        /// same bookings.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Ask parties from a size up to confirm their booking from an e-mailed
    /// link (the table is held meanwhile, then released), or stop asking.
    EmailConfirmation {
        /// Parties of this many guests and more confirm by e-mail.
        #[arg(long, conflicts_with = "off", required_unless_present = "off")]
        from_party: Option<u32>,
        /// How long an unconfirmed booking holds its table (5 to 1440).
        #[arg(long, default_value_t = 30)]
        hold_minutes: u32,
        /// Stop asking.
        #[arg(long)]
        off: bool,
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

/// Opens (creating and migrating) the database, with the demo restaurant
/// loaded when it had none.
async fn open_store(config: &Config) -> Result<backend::Store, String> {
    let (store, opened) = backend::Store::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    if opened.is_empty {
        backend::seed::seed_demo(&store)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(store)
}

/// `server init`: the restaurant in a database that has none.
async fn init_restaurant(config: &Config, name: &str, time_zone: &str) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > domain::settings::MAX_RESTAURANT_NAME_CHARS {
        return Err(format!(
            "--name: 1 to {} characters",
            domain::settings::MAX_RESTAURANT_NAME_CHARS
        ));
    }
    let time_zone: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| format!("--time-zone: {time_zone:?} is not an IANA time zone"))?;
    let (store, _) = backend::Store::open(&config.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let created = backend::seed::create_restaurant(
        &store,
        &backend::seed::NewRestaurant {
            name: name.to_owned(),
            time_zone,
        },
    )
    .await
    .map_err(|e| e.to_string());
    store.close().await;
    if created? {
        println!("created the restaurant {name:?}; next: server admin create --email ...");
        Ok(())
    } else {
        Err("the database has a restaurant already".into())
    }
}

async fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    let email = domain::Email::parse(email).map_err(|e| format!("--email: {e}"))?;
    let name = domain::GuestName::parse(name).map_err(|e| format!("--name: {e}"))?;
    let password = domain::Password::parse(&read_password()?).map_err(|e| e.to_string())?;
    let store = open_store(config).await?;
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

async fn set_email_confirmation(
    config: &Config,
    setting: Option<(u32, u32)>,
) -> Result<(), String> {
    let store = open_store(config).await?;
    let result = backend::services::booking::set_email_confirmation(&store, setting)
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    result?;
    match setting {
        Some((from, hold)) => println!(
            "parties of {from} and more confirm by e-mail; their table is held {hold} minutes"
        ),
        None => println!("no booking waits for an e-mail confirmation"),
    }
    Ok(())
}

async fn add_demo_bookings(config: &Config, count: usize, seed: u64) -> Result<(), String> {
    let store = open_store(config).await?;
    let began = std::time::Instant::now();
    let result = backend::demo_bookings::add_bookings(&store, backend::now(), count, seed)
        .await
        .map_err(|e| e.to_string());
    store.close().await;
    let added = result?;
    println!(
        "added {} bookings from {} to {} ({} days with bookings) in {:.1} s",
        added.count,
        added.first_day,
        added.last_day,
        added.days,
        began.elapsed().as_secs_f64()
    );
    if let Some((day, n)) = added.busiest_coming_day {
        println!("busiest coming day: {day} ({n} bookings)");
    }
    Ok(())
}

/// glibc gives every thread that meets contention on the heap an arena of
/// its own (up to 8 per core), each keeping memory it freed; with two, the
/// peak resident memory under load is lower (figures: scripts/bench).
/// `MALLOC_ARENA_MAX` still wins when set.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only tunes the allocator; it runs first in main,
        // before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

fn main() -> ExitCode {
    limit_malloc_arenas();
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
    if let Some(Command::Init { name, time_zone }) = &cli.command {
        return match runtime.block_on(init_restaurant(&config, name, time_zone)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    if let Some(Command::Admin {
        command: AdminCommand::Create { email, name },
    }) = &cli.command
    {
        return match runtime.block_on(create_admin(&config, email, name)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    if let Some(Command::Settings {
        command:
            SettingsCommand::EmailConfirmation {
                from_party,
                hold_minutes,
                off,
            },
    }) = &cli.command
    {
        let setting = if *off {
            None
        } else {
            from_party.map(|from| (from, *hold_minutes))
        };
        return match runtime.block_on(set_email_confirmation(&config, setting)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e),
        };
    }
    if let Some(Command::Demo {
        command: DemoCommand::Bookings { count, seed },
    }) = &cli.command
    {
        return match runtime.block_on(add_demo_bookings(&config, *count, *seed)) {
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
