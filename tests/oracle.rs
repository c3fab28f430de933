//! The official Huawei Cloud Python SDK as a test oracle: finds the Python of the virtual
//! environment that `.ci/oracle-venv` creates and runs the scripts of `tests/oracle/` with JSON
//! lines in and out (see `tests/oracle/README.md`).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The environment variable that names the oracle's Python instead of `<repo>/.venv/bin/python`.
pub const PYTHON_VAR: &str = "HUAWEICLOUD_ORACLE_PYTHON";

/// The Python that has the official SDK installed: `$HUAWEICLOUD_ORACLE_PYTHON`, else
/// `<repo>/.venv/bin/python`. Panics when it does not exist, so that a conformance test fails
/// rather than passes without having compared anything.
pub fn python() -> PathBuf {
    let (path, source) = match std::env::var_os(PYTHON_VAR) {
        Some(p) => (PathBuf::from(p), PYTHON_VAR),
        None => (crate::root().join(".venv/bin/python"), "the default location"),
    };
    if !path.is_file() {
        panic!(
            "the oracle python {} ({source}) does not exist; run `.ci/oracle-venv` from the repository root to \
             create it with the official Huawei Cloud Python SDK, or set {PYTHON_VAR}",
            path.display()
        );
    }
    path
}

/// Runs `tests/oracle/<script>` with the oracle's Python, writes `lines` to its standard input (one
/// per line) and returns its standard output split into lines. Panics, quoting the script's
/// standard error, when it exits unsuccessfully or runs longer than `timeout` (it is then killed).
pub fn run(script: &str, lines: &[String], timeout: Duration) -> Vec<String> {
    let script_path = crate::root().join("tests/oracle").join(script);
    // Importing the SDK writes `~/.huaweicloud/application_id`; keep that out of the user's home.
    let home = std::env::temp_dir().join("huaweicloud-sdk-oracle-home");
    std::fs::create_dir_all(&home).unwrap_or_else(|e| panic!("creating {}: {e}", home.display()));
    let mut child = Command::new(python())
        .arg(&script_path)
        .env("HOME", &home)
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", script_path.display()));

    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let stdin = child.stdin.take().map(|mut pipe| {
        // A script that exits early closes the pipe; its exit status and stderr then tell why.
        thread::spawn(move || drop(pipe.write_all(input.as_bytes())))
    });
    let stdout = child.stdout.take().map(reader);
    let stderr = child.stderr.take().map(reader);

    let status = wait(&mut child, timeout);
    if let Some(writer) = stdin {
        let _ = writer.join();
    }
    let stdout = collect(stdout);
    let stderr = collect(stderr);
    match status {
        None => panic!("{script} did not finish within {timeout:?} and was killed; its stderr:\n{stderr}"),
        Some(s) if !s.success() => panic!("{script} failed with {s}; its stderr:\n{stderr}"),
        Some(_) => stdout.lines().map(str::to_owned).collect(),
    }
}

/// Reads a pipe to the end on its own thread, so that neither pipe can fill up and stall the child.
fn reader(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn collect(handle: Option<JoinHandle<String>>) -> String {
    handle.and_then(|h| h.join().ok()).unwrap_or_default()
}

/// The child's exit status, or `None` after killing it when `timeout` has passed.
fn wait(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(10)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Err(e) => {
                let _ = child.kill();
                panic!("waiting for the oracle: {e}");
            }
        }
    }
}

/// Standard base64 with padding, for the body in the oracle's JSON input.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
