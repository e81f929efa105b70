//! `fake-stripe`: the fake Stripe server on its own, for manual runs and the
//! end-to-end tests.
//!
//! ```text
//! fake-stripe [--listen 127.0.0.1:12111] [--webhook-url URL] [--webhook-secret SECRET]
//! ```
//! `--webhook-url` and `--webhook-secret` default to the environment variables
//! `FAKE_STRIPE_WEBHOOK_URL` and `FAKE_STRIPE_WEBHOOK_SECRET`.

use std::net::SocketAddr;
use std::process::ExitCode;

use fake_stripe::{Config, FakeStripe};

const USAGE: &str =
    "usage: fake-stripe [--listen 127.0.0.1:12111] [--webhook-url URL] [--webhook-secret SECRET]
  env: FAKE_STRIPE_WEBHOOK_URL, FAKE_STRIPE_WEBHOOK_SECRET (default secret: whsec_fake_stripe)";

struct Args {
    listen: SocketAddr,
    webhook_url: Option<String>,
    webhook_secret: String,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut listen = "127.0.0.1:12111".to_string();
    let mut webhook_url = env("FAKE_STRIPE_WEBHOOK_URL");
    let mut webhook_secret =
        env("FAKE_STRIPE_WEBHOOK_SECRET").unwrap_or_else(|| "whsec_fake_stripe".to_string());
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg, None),
        };
        if name == "--help" || name == "-h" {
            return Err(String::new());
        }
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(format!("{name} needs a value")),
        };
        match name.as_str() {
            "--listen" => listen = value,
            "--webhook-url" => webhook_url = Some(value).filter(|v| !v.is_empty()),
            "--webhook-secret" => webhook_secret = value,
            _ => return Err(format!("unknown argument {name}")),
        }
    }
    let listen = listen
        .parse()
        .map_err(|e| format!("--listen {listen}: {e}"))?;
    Ok(Args {
        listen,
        webhook_url,
        webhook_secret,
    })
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(error) if error.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("fake-stripe: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let config = Config {
        webhook_url: args.webhook_url.clone(),
        webhook_secret: args.webhook_secret,
    };
    let fake = match FakeStripe::start_at(config, args.listen).await {
        Ok(fake) => fake,
        Err(error) => {
            eprintln!("fake-stripe: cannot listen on {}: {error}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", fake.base_url());
    match &args.webhook_url {
        Some(url) => eprintln!("fake-stripe: webhooks go to {url}"),
        None => eprintln!("fake-stripe: no webhook URL (set one with POST /_fake/webhook url=…)"),
    }
    shutdown().await;
    fake.flush().await;
    ExitCode::SUCCESS
}
