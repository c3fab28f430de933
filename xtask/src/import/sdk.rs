//! `cargo xtask import --sdk SERVICE [OPERATION ...]`: drafts spec files from the official
//! Python SDK's models, for operations no documentation page describes. `tests/oracle/describe.py`
//! (run with the oracle's Python, as the audit runs `audit.py`) writes each operation as JSON;
//! `codegen::import::import_sdk` drafts it like a page.

use std::path::Path;

use codegen::import::read::sdk::SdkOperation;

use super::Args;

/// Drafts the named operations of the SDK's `service` (all of them when none is named); `Ok(false)`
/// when one was not written.
pub(super) fn run(a: &Args, service: &str, root: &Path) -> Result<bool, String> {
    let operations: Vec<String> = a.pages.iter().map(|p| p.display().to_string()).collect();
    let mut all_ok = true;
    let mut found = 0;
    for described in describe(root, service, &operations)? {
        let op = match described {
            Described::Operation(op) => *op,
            Described::Error(e) => {
                eprintln!("not written: the official SDK: {e}");
                all_ok = false;
                continue;
            }
            Described::UnknownService => {
                return Err(format!(
                    "the oracle's Python has no package huaweicloudsdk{service} (add it to tests/oracle/requirements.txt)"
                ));
            }
            Described::UnknownOperation(name) => {
                eprintln!("not written: the official SDK's {service} has no operation `{name}`");
                all_ok = false;
                continue;
            }
        };
        found += 1;
        let mut options = a.options.clone();
        if options.service.is_empty() {
            options.service = service.to_owned();
        }
        options.version = options.version.or_else(|| Some(op.version.clone()));
        options.operation = Some(op.operation.clone());
        let shown = format!("{} model of {}", op.sdk, op.operation);
        match codegen::import::import_sdk(&shown, &op, &options) {
            Ok(draft) => all_ok &= super::one_file(a, &options.service, &shown, &draft),
            Err(errors) => {
                eprintln!("not written: {shown}: {} problem(s)", errors.len());
                for e in errors {
                    eprintln!("{e}");
                }
                all_ok = false;
            }
        }
    }
    if found == 0 && operations.is_empty() {
        return Err(format!("the official SDK's {service} has no operation"));
    }
    Ok(all_ok)
}

/// One line of `tests/oracle/describe.py`.
pub(super) enum Described {
    /// An operation's models.
    Operation(Box<SdkOperation>),
    /// The script could not describe an operation, and says why.
    Error(String),
    /// The oracle's Python has no package of the service.
    UnknownService,
    /// The service's package has no operation of this name.
    UnknownOperation(String),
}

/// Runs `tests/oracle/describe.py` on `operations` of `service` (all of them when empty) and reads
/// what it wrote, a JSON object per line.
///
/// # Errors
/// The script failing, or a line that is not JSON or not a description.
pub(super) fn describe(root: &Path, service: &str, operations: &[String]) -> Result<Vec<Described>, String> {
    let mut args = vec![service.to_owned()];
    args.extend(operations.iter().cloned());
    let mut out = Vec::new();
    for line in crate::audit::run_oracle(root, "describe.py", &args)? {
        let value: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("describe.py wrote a line that is not JSON ({e}): {line}"))?;
        out.push(if let Some(e) = value.get("error").and_then(|e| e.as_str()) {
            Described::Error(e.to_owned())
        } else if value.get("unknown_service").is_some() {
            Described::UnknownService
        } else if let Some(name) = value.get("unknown_operation").and_then(|n| n.as_str()) {
            Described::UnknownOperation(name.to_owned())
        } else {
            let op = serde_json::from_value(value).map_err(|e| format!("describe.py: {e}: {line}"))?;
            Described::Operation(Box::new(op))
        });
    }
    Ok(out)
}
