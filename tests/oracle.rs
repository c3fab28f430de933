//! The official Huawei Cloud Python SDK as a test oracle: the Python of a virtual environment
//! with the pinned packages of `tests/oracle/requirements.txt`, made on first use, and the scripts
//! of `tests/oracle/` run with JSON lines in and out (see `tests/oracle/README.md`).

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The environment variable that names the oracle's Python instead of `<repo>/.venv/bin/python`.
pub const PYTHON_VAR: &str = "HUAWEICLOUD_ORACLE_PYTHON";

/// How long creating the virtual environment and installing the packages may take.
const PROVISION_TIMEOUT: Duration = Duration::from_secs(600);

/// The Python that has the official SDK installed: `$HUAWEICLOUD_ORACLE_PYTHON`, else
/// `<repo>/.venv/bin/python`, which is made on first use ([`provision`]). Panics, saying what is
/// missing, when neither can be had, so that an oracle test fails rather than passes without
/// having compared anything.
pub fn python() -> PathBuf {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let found = PYTHON.get_or_init(|| match std::env::var_os(PYTHON_VAR) {
        Some(p) if Path::new(&p).is_file() => Ok(PathBuf::from(p)),
        Some(p) => Err(format!("the oracle python {} ({PYTHON_VAR}) does not exist", Path::new(&p).display())),
        None => provision(&crate::root().join(".venv"), "python3"),
    });
    match found {
        Ok(p) => p.clone(),
        Err(e) => panic!("{e}"),
    }
}

/// Makes `venv` a virtual environment with exactly the packages of `tests/oracle/requirements.txt`
/// unless it already is one, and returns its Python. `python3` is the interpreter that creates
/// it. One process provisions while the others wait on a lock file beside `venv`
/// (`<venv>.lock`); a stamp in the venv with the requirements it was made from makes later calls
/// cheap. The error names the tool that could not be run or what failed, with its output.
pub fn provision(venv: &Path, python3: &str) -> Result<PathBuf, String> {
    let requirements = crate::root().join("tests/oracle/requirements.txt");
    let pins =
        std::fs::read_to_string(&requirements).map_err(|e| format!("reading {}: {e}", requirements.display()))?;
    let python = venv.join("bin/python");
    let stamp = venv.join(".huaweicloud-oracle-requirements");
    let ready = || python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|s| s == pins);
    if ready() {
        return Ok(python);
    }
    let lock_path = venv.with_extension("lock");
    if let Some(parent) = venv.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    let lock = File::create(&lock_path).map_err(|e| format!("creating the lock {}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("locking {}: {e}", lock_path.display()))?;
    // Another process may have finished while this one waited.
    if ready() {
        return Ok(python);
    }
    if !python.is_file() {
        let venv_arg = venv.as_os_str().to_owned();
        let mut command = Command::new(python3);
        command.args(["-m".as_ref(), "venv".as_ref(), venv_arg.as_os_str()]);
        run_tool(command, &format!("{python3} -m venv"), "on Debian, `apt-get install python3 python3-venv`")?;
    }
    let mut command = Command::new(&python);
    command.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r"]).arg(&requirements);
    run_tool(command, "pip install -r tests/oracle/requirements.txt", "PyPI must be reachable")?;
    std::fs::write(&stamp, &pins).map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    Ok(python)
}

/// Runs a provisioning step to completion (within [`PROVISION_TIMEOUT`]); the error says which
/// tool, why, and what it printed.
fn run_tool(mut command: Command, what: &str, advice: &str) -> Result<(), String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{what}` to make the oracle's Python: {e} ({advice})"))?;
    let (stdout, stderr) = (child.stdout.take().map(reader), child.stderr.take().map(reader));
    let status = wait(&mut child, PROVISION_TIMEOUT);
    let output = format!("{}{}", collect(stdout), collect(stderr));
    match status {
        Some(s) if s.success() => Ok(()),
        Some(s) => Err(format!("`{what}` failed with {s} ({advice}):\n{output}")),
        None => Err(format!("`{what}` did not finish within {PROVISION_TIMEOUT:?}:\n{output}")),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_python_is_named_in_the_error() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let e = provision(&dir.path().join("venv"), "python3-that-does-not-exist").expect_err("no such python");
        assert!(e.contains("cannot run `python3-that-does-not-exist -m venv`"), "{e}");
        assert!(e.contains("python3-venv"), "{e}");
    }

    #[test]
    fn the_provisioned_python_has_the_pinned_sdk() {
        let out = Command::new(python())
            .args(["-c", "from importlib import metadata; print(metadata.version('huaweicloudsdkcore'))"])
            .output()
            .expect("running the oracle python");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "3.1.219");
    }
}
