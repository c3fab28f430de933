//! A memo of formatted Rust files, kept between runs of the generator (`cargo xtask codegen`
//! keeps one per spec and output directory in `target/codegen-format-cache-<hash>`).
//!
//! Formatting (syn's parse of the emitted tokens, then prettyplease) is about two thirds of the
//! generator's time, and it is a pure function of the file's tokens, its header's spec path and
//! whether the runtime's modules are imported, given the generator's own code. So the output is
//! stored under a 128-bit hash of those inputs, and the whole memo under the identity of the
//! generator's executable: a rebuilt generator starts from an empty memo, and a changed spec
//! file changes its files' tokens, so that only those are formatted again. Tokens are still
//! made for every file on every run; nothing but the formatting is skipped.
//!
//! The file: a first line naming the format and the identity, then for each entry a line
//! `<32 hex digits of the key> <length in bytes>` and that many bytes. A file that does not read
//! so, or of another identity, is an empty memo: the cache can only make a run faster, never
//! change what it writes.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The first word of the file's first line.
const MAGIC: &str = "huaweicloud-sdk-codegen-format-cache-v1";

/// Formatted files by the hash of their inputs; safe to share between the formatting threads.
#[derive(Debug, Default)]
pub struct FormatCache {
    identity: String,
    /// Entries read from the file, and those formatted in this run.
    entries: Mutex<HashMap<u128, String>>,
    /// Keys looked up in this run: only those are saved, so the memo never grows stale.
    used: Mutex<Vec<u128>>,
    /// Files formatted in this run (not found in the memo).
    misses: AtomicUsize,
    /// Files found in the memo.
    hits: AtomicUsize,
}

impl FormatCache {
    /// An empty memo for the generator named by `identity` (anything that changes when the
    /// generator's code does, such as its executable's size and modification time).
    pub fn new(identity: &str) -> FormatCache {
        FormatCache { identity: identity.to_owned(), ..FormatCache::default() }
    }

    /// The memo saved at `path` for this `identity`; an empty one when there is none, or it is
    /// another generator's, or it does not read as a memo.
    pub fn load(path: &Path, identity: &str) -> FormatCache {
        let cache = FormatCache::new(identity);
        if let Ok(bytes) = std::fs::read(path)
            && let Some(entries) = parse(&bytes, identity)
            && let Ok(mut map) = cache.entries.lock()
        {
            *map = entries;
        }
        cache
    }

    /// Writes the entries this run used to `path` (through a temporary file renamed into place),
    /// unless every one was found there already.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let entries = self.entries.lock().map_err(|_| std::io::Error::other("a formatting thread panicked"))?;
        let used = self.used.lock().map_err(|_| std::io::Error::other("a formatting thread panicked"))?;
        let mut keys = used.clone();
        keys.sort_unstable();
        keys.dedup();
        if self.misses.load(Ordering::Relaxed) == 0 && keys.len() == entries.len() {
            return Ok(());
        }
        let mut out = format!("{MAGIC} {}\n", self.identity).into_bytes();
        for key in keys {
            if let Some(text) = entries.get(&key) {
                out.extend_from_slice(format!("{key:032x} {}\n", text.len()).as_bytes());
                out.extend_from_slice(text.as_bytes());
            }
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // A temporary name of this process: two runs at once each write their own, and the
        // last rename wins whole.
        let partial = path.with_extension(format!("partial-{}", std::process::id()));
        std::fs::write(&partial, out)?;
        std::fs::rename(&partial, path)
    }

    /// The formatted file for these inputs: from the memo, else made by `format` and kept.
    pub fn get_or_format(
        &self,
        inputs: &[&str],
        format: impl FnOnce() -> Result<String, String>,
    ) -> Result<String, String> {
        let key = key(inputs);
        if let Ok(mut used) = self.used.lock() {
            used.push(key);
        }
        if let Some(text) = self.entries.lock().ok().and_then(|m| m.get(&key).cloned()) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(text);
        }
        let text = format()?;
        self.misses.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut map) = self.entries.lock() {
            map.insert(key, text.clone());
        }
        Ok(text)
    }

    /// Files found in the memo and files formatted, in this run.
    pub fn counts(&self) -> (usize, usize) {
        (self.hits.load(Ordering::Relaxed), self.misses.load(Ordering::Relaxed))
    }
}

/// 128 bits of hash of `inputs`: two SipHash runs of std's hasher with different prefixes. The
/// hasher may change between Rust releases; the memo is then another generator's anyway.
fn key(inputs: &[&str]) -> u128 {
    let half = |prefix: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        prefix.hash(&mut h);
        inputs.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// The entries of a memo file of this identity, or `None`.
fn parse(bytes: &[u8], identity: &str) -> Option<HashMap<u128, String>> {
    let (first, mut rest) = split_line(bytes)?;
    if first != format!("{MAGIC} {identity}").as_bytes() {
        return None;
    }
    let mut entries = HashMap::new();
    while !rest.is_empty() {
        let (line, after) = split_line(rest)?;
        let line = std::str::from_utf8(line).ok()?;
        let (key, len) = line.split_once(' ')?;
        let key = u128::from_str_radix(key, 16).ok()?;
        let len: usize = len.parse().ok()?;
        let text = after.get(..len)?;
        entries.insert(key, String::from_utf8(text.to_vec()).ok()?);
        rest = &after[len..];
    }
    Some(entries)
}

fn split_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let end = bytes.iter().position(|b| *b == b'\n')?;
    Some((&bytes[..end], &bytes[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_memo_gives_back_what_was_formatted_and_nothing_for_another_generator() {
        let dir = std::env::temp_dir().join(format!("format-cache-test-{}", std::process::id()));
        let path = dir.join("memo");
        let cache = FormatCache::new("gen-1");
        let made = cache.get_or_format(&["a.rs", "fn a() {}"], || Ok("fn a() {}\n".to_owned()));
        assert_eq!(made.as_deref(), Ok("fn a() {}\n"));
        let multi = "line one\nline two é\n";
        assert_eq!(cache.get_or_format(&["b.rs", "b"], || Ok(multi.to_owned())).as_deref(), Ok(multi));
        assert_eq!(cache.counts(), (0, 2));
        cache.save(&path).expect("saved");

        let again = FormatCache::load(&path, "gen-1");
        let hit = again.get_or_format(&["b.rs", "b"], || Err("formatted again".to_owned()));
        assert_eq!(hit.as_deref(), Ok(multi), "found in the memo");
        // Other inputs are formatted; the inputs are not confused by where one ends.
        let other = again.get_or_format(&["b.r", "sb"], || Ok("other".to_owned()));
        assert_eq!(other.as_deref(), Ok("other"));
        assert_eq!(again.counts(), (1, 1));

        let rebuilt = FormatCache::load(&path, "gen-2");
        let fresh = rebuilt.get_or_format(&["b.rs", "b"], || Ok("new".to_owned()));
        assert_eq!(fresh.as_deref(), Ok("new"), "another generator's memo is not used");

        // A damaged file is an empty memo, never an error or a wrong entry.
        let mut bytes = std::fs::read(&path).expect("read");
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&path, &bytes).expect("write");
        let damaged = FormatCache::load(&path, "gen-1");
        let made = damaged.get_or_format(&["a.rs", "fn a() {}"], || Ok("formatted".to_owned()));
        assert_eq!(made.as_deref(), Ok("formatted"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
