//! What the examples share: argument parsing, the config from the environment, logging, and the
//! exit convention (pretty JSON on stdout and exit 0, or the error on stderr and exit 1).

// Not every example uses every helper.
#![allow(dead_code)]

use std::fmt::Display;
use std::future::Future;
use std::process::ExitCode;

use huaweicloud_sdk::runtime::{Config, Credentials};

/// The whole of an example: logging, the command line (options `known` besides `--region`), the
/// request from `build`, the config, the call, and the exit convention.
pub async fn main<R, T, E, Fut>(
    usage: &'static str,
    known: &[&str],
    build: fn(&Args) -> Result<R, String>,
    call: impl FnOnce(Config, R) -> Fut,
) -> ExitCode
where
    T: serde::Serialize,
    E: Display,
    Fut: Future<Output = Result<T, E>>,
{
    init_logging();
    let args = match Args::parse(usage).and_then(|a| a.only(known).map(|()| a)) {
        Ok(a) => a,
        Err(e) => return usage_error(usage, &e),
    };
    let request = match build(&args) {
        Ok(r) => r,
        Err(e) => return usage_error(usage, &e),
    };
    match config(&args) {
        Ok(c) => finish(call(c, request).await),
        Err(e) => finish::<(), _>(Err(e)),
    }
}

/// Command-line options as `--name value` pairs.
pub struct Args {
    pairs: Vec<(String, String)>,
    usage: &'static str,
}

impl Args {
    /// Parses `std::env::args`; `--help` prints the usage.
    pub fn parse(usage: &'static str) -> Result<Self, String> {
        let mut pairs = Vec::new();
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            if arg == "--help" || arg == "-h" {
                return Err(String::new());
            }
            let Some(name) = arg.strip_prefix("--") else { return Err(format!("unexpected argument {arg:?}")) };
            let Some(value) = it.next() else { return Err(format!("--{name} needs a value")) };
            pairs.push((name.to_owned(), value));
        }
        Ok(Args { pairs, usage })
    }

    /// The value of `--name`, when given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The value of a mandatory `--name`.
    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.get(name).ok_or_else(|| format!("--{name} is required"))
    }

    /// The value of `--name` parsed as a number.
    pub fn number(&self, name: &str) -> Result<Option<i32>, String> {
        self.get(name).map(|v| v.parse().map_err(|_| format!("--{name} must be an integer, got {v:?}"))).transpose()
    }

    /// Fails on options the example does not know.
    pub fn only(&self, known: &[&str]) -> Result<(), String> {
        match self.pairs.iter().find(|(n, _)| !known.contains(&n.as_str()) && n != "region") {
            Some((n, _)) => Err(format!("unknown option --{n}")),
            None => Ok(()),
        }
    }

    /// The usage text.
    pub fn usage(&self) -> &'static str {
        self.usage
    }
}

/// Logs to stderr as `RUST_LOG` says (nothing by default).
pub fn init_logging() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}

/// The config: `--region` (default `cn-north-4`) and credentials from the environment or the
/// profile file.
pub fn config(args: &Args) -> Result<Config, Box<dyn std::error::Error>> {
    let region = args.get("region").unwrap_or("cn-north-4");
    Ok(Config::builder().region(region).credentials(Credentials::from_env()?).build()?)
}

/// Prints usage for a bad command line and exits 2.
pub fn usage_error(usage: &str, message: &str) -> ExitCode {
    if !message.is_empty() {
        eprintln!("error: {message}");
    }
    eprintln!("usage: {usage}");
    if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) }
}

/// Prints the response as pretty JSON and exits 0, or the error and exits 1.
pub fn finish<T: serde::Serialize, E: Display>(result: Result<T, E>) -> ExitCode {
    match result.map(|v| serde_json::to_string_pretty(&v)) {
        Ok(Ok(json)) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            eprintln!("error: cannot print the response: {e}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
