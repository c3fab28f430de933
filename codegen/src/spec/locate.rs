//! Source positions of YAML nodes, by YAML path.
//!
//! serde_yaml deserializes without spans, so the spec loader parses each file a second time with
//! yaml-rust2's event parser and records where every node starts. `lower` then turns a YAML path
//! such as `objects.Foo[2].type` into a line and column for its diagnostics.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// 1-based line and column.
pub type Pos = (usize, usize);

/// Positions of the nodes of one YAML document, indexed on the first lookup: a valid spec tree
/// never asks, so generating from it parses each file once.
#[derive(Debug, Default)]
pub struct Locator {
    text: String,
    index: std::sync::OnceLock<Index>,
}

#[derive(Debug, Default)]
struct Index {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

impl Locator {
    /// Keeps `text` to index when a position is asked for; a document that does not parse gives an
    /// empty index (serde reports why).
    pub fn new(text: &str) -> Self {
        Locator { text: text.to_owned(), index: std::sync::OnceLock::new() }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut builder = Builder::default();
            let mut parser = Parser::new_from_str(&self.text);
            if parser.load(&mut builder, false).is_err() {
                return Index::default();
            }
            Index { values: builder.values, keys: builder.keys }
        })
    }

    /// Where the value at `path` starts, or the nearest enclosing node that exists.
    pub fn value(&self, path: &str) -> Pos {
        let index = self.index();
        Self::lookup(index, &index.values, path)
    }

    /// Where the key of the mapping entry at `path` starts (for "this key is wrong" messages).
    pub fn key(&self, path: &str) -> Pos {
        let index = self.index();
        Self::lookup(index, &index.keys, path)
    }

    fn lookup(index: &Index, map: &HashMap<String, Pos>, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = map.get(p).or_else(|| index.values.get(p)) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return index.values.get("").copied().unwrap_or((1, 1)),
            }
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String>, seen_key: bool },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    key_frames: Vec<bool>,
}

impl Builder {
    /// The path of the node that starts now, or `None` when it is a mapping key.
    fn next_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { key: None, .. }) => None,
            Some(Frame::Map { path, key, .. }) => {
                let k = key.take().unwrap_or_default();
                Some(if path.is_empty() { k } else { format!("{path}.{k}") })
            }
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(text, ..) => match self.next_path() {
                Some(path) => {
                    self.values.entry(path).or_insert(pos);
                }
                None => {
                    if let Some(Frame::Map { path, key, seen_key }) = self.stack.last_mut() {
                        let full = if path.is_empty() { text.clone() } else { format!("{path}.{text}") };
                        // A block mapping's start event is marked after its first key, so a mapping
                        // is located at its first key instead.
                        if !*seen_key {
                            *seen_key = true;
                            self.values.insert(path.clone(), pos);
                        }
                        self.keys.entry(full).or_insert(pos);
                        *key = Some(text);
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.next_path() {
                    self.values.entry(path).or_insert(pos);
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A collection used as a mapping key (rare, never valid in a spec) gets path "?".
                let (path, is_key) = match self.next_path() {
                    Some(p) => (p, false),
                    None => ("?".to_owned(), true),
                };
                self.values.entry(path.clone()).or_insert(pos);
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { path, key: None, seen_key: false }
                } else {
                    Frame::Seq { path, index: 0 }
                };
                self.stack.push(frame);
                self.key_frames.push(is_key);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                if self.key_frames.pop() == Some(true)
                    && let Some(Frame::Map { key, .. }) = self.stack.last_mut()
                {
                    *key = Some("?".to_owned());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "operation: ListUsers\nquery_parameters:\n  - name: limit\n    type: Integr\nobjects:\n  Foo:\n    - {name: a, type: String}\n";

    #[test]
    fn finds_nested_values_by_path() {
        let l = Locator::new(DOC);
        assert_eq!(l.value("operation"), (1, 12));
        assert_eq!(l.value("query_parameters[0].type"), (4, 11));
        assert_eq!(l.key("query_parameters[0].type"), (4, 5));
        assert_eq!(l.value("objects.Foo[0].type"), (7, 23));
    }

    #[test]
    fn falls_back_to_the_nearest_existing_parent() {
        let l = Locator::new(DOC);
        assert_eq!(l.value("query_parameters[0].default"), (3, 5));
    }

    #[test]
    fn broken_yaml_gives_an_empty_index_not_a_panic() {
        let l = Locator::new("a: [1, 2\nb: {");
        assert_eq!(l.value("a"), (1, 1));
    }
}
