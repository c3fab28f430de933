//! What the examples share: argument parsing, the config from the environment, logging, and the
//! exit convention (pretty JSON on stdout, the status and request ID on stderr and exit 0, or the
//! error on stderr and exit 1).

// Not every example uses every helper.
#![allow(dead_code)]

use std::fmt::Display;
use std::future::Future;
use std::process::ExitCode;

use huaweicloud_sdk::runtime::client::Output;
use huaweicloud_sdk::runtime::Config;

/// The whole of an example: logging, the command line (options `known` besides `--region`), the
/// request from `build`, the config, the call, and the exit convention.
pub async fn main<R, T, E, Fut>(
    usage: &'static str,
    known: &[&str],
    build: fn(&Args) -> Result<R, String>,
    call: impl FnOnce(Config, R) -> Fut,
) -> ExitCode
where
    T: Print,
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
        Err(e) => fail(e),
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
        let mut it = std::env::args().skip(1).peekable();
        while let Some(arg) = it.next() {
            if arg == "--help" || arg == "-h" {
                return Err(String::new());
            }
            let Some(name) = arg.strip_prefix("--") else { return Err(format!("unexpected argument {arg:?}")) };
            // A flag (`--all`) has no value: it is followed by another option or by nothing.
            let value = match it.peek() {
                Some(next) if !next.starts_with("--") => it.next().unwrap_or_default(),
                _ => String::new(),
            };
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
        match self.get(name) {
            Some("") | None => Err(format!("--{name} is required")),
            Some(v) => Ok(v),
        }
    }

    /// Whether the flag `--name` (an option without a value) is given.
    pub fn flag(&self, name: &str) -> Result<bool, String> {
        match self.get(name) {
            None => Ok(false),
            Some("") => Ok(true),
            Some(v) => Err(format!("--{name} takes no value, got {v:?}")),
        }
    }

    /// The value of `--name` parsed as a number.
    pub fn number(&self, name: &str) -> Result<Option<i32>, String> {
        self.get(name).map(|v| v.parse().map_err(|_| format!("--{name} must be an integer, got {v:?}"))).transpose()
    }

    /// The value of `--name` as a comma-separated list, e.g. `--databases db1,db2`; empty items are
    /// an error rather than values.
    pub fn list(&self, name: &str) -> Result<Option<Vec<&str>>, String> {
        let Some(value) = self.get(name) else { return Ok(None) };
        let items: Vec<&str> = value.split(',').map(str::trim).collect();
        if items.iter().any(|i| i.is_empty()) {
            return Err(format!("--{name} must be a comma-separated list without empty items, got {value:?}"));
        }
        Ok(Some(items))
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

/// The config: `--region` (default `cn-north-4`) and credentials from the official chain (OIDC,
/// the environment, the profile file, the ECS metadata service, the CCE pod identity), asked at
/// the first call.
pub fn config(args: &Args) -> Result<Config, Box<dyn std::error::Error>> {
    let region = args.get("region").unwrap_or("cn-north-4");
    Ok(Config::builder().region(region).build()?)
}

/// Prints usage for a bad command line and exits 2.
pub fn usage_error(usage: &str, message: &str) -> ExitCode {
    if !message.is_empty() {
        eprintln!("error: {message}");
    }
    eprintln!("usage: {usage}");
    if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) }
}

/// Prints the response as pretty JSON on stdout and its status and request ID on stderr (so that a
/// response without documented fields, printed as `{}`, still shows what the service answered) and
/// exits 0, or prints the error and exits 1.
pub fn finish<T: Print, E: Display>(result: Result<T, E>) -> ExitCode {
    match result.map_err(|e| e.to_string()).and_then(|r| r.print()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// What an example prints on success.
pub trait Print {
    /// Prints to stdout (and a summary line to stderr).
    fn print(&self) -> Result<(), String>;
}

/// One response: pretty JSON, then its status and request ID.
impl<T: serde::Serialize + Output> Print for T {
    fn print(&self) -> Result<(), String> {
        let json = serde_json::to_string_pretty(self).map_err(|e| format!("cannot print the response: {e}"))?;
        println!("{json}");
        let meta = self.meta();
        eprintln!("status {}, request ID {}", meta.status(), meta.request_id().unwrap_or("none"));
        Ok(())
    }
}

/// The items of every page of a list operation: a pretty JSON array, then their number.
#[derive(Debug)]
pub struct All<T>(pub Vec<T>);

impl<T: serde::Serialize> Print for All<T> {
    fn print(&self) -> Result<(), String> {
        let json = serde_json::to_string_pretty(&self.0).map_err(|e| format!("cannot print the items: {e}"))?;
        println!("{json}");
        eprintln!("{} items", self.0.len());
        Ok(())
    }
}

/// Prints an error and exits 1.
pub fn fail(error: impl Display) -> ExitCode {
    eprintln!("error: {error}");
    ExitCode::FAILURE
}

/// A password from the environment variable `var`, as the `Secret` a sensitive field takes: a
/// password on the command line would end up in the shell history and in the process list.
pub fn password(var: &str) -> Result<huaweicloud_sdk::runtime::Secret, String> {
    match std::env::var(var) {
        Ok(p) if !p.is_empty() => Ok(p.into()),
        _ => Err(format!("set the password in the environment variable {var}")),
    }
}

/// `--name` as DDM basic permissions: a comma-separated list of CREATE, DROP, ALTER, INDEX, INSERT,
/// DELETE, UPDATE and SELECT, each read with `str::parse`, whose error names any other value and
/// the documented ones. Four DDM examples take it; behind the `ddm` feature because the examples
/// of other services are built without DDM.
#[cfg(feature = "ddm")]
pub fn base_authority(
    args: &Args,
    name: &str,
) -> Result<Option<Vec<huaweicloud_sdk::ddm::v1::types::BaseAuthority>>, String> {
    let Some(items) = args.list(name)? else { return Ok(None) };
    items.into_iter().map(|item| item.parse().map_err(|e| format!("--{name}: {e}"))).collect::<Result<_, _>>().map(Some)
}
