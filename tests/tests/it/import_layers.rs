//! The importer's layout holds: its three stages (`read`, `infer`, `draft`) depend only on those
//! before them, and no two of its modules depend on each other, even through a third.
//!
//! Dependencies are read from the source: every `super::`, `self::` and `crate::import::` path
//! outside `#[cfg(test)]` code, resolved to the module file it names. A `mod.rs` depends on the
//! modules it declares, so a child that reaches up into its parent's items makes a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use huaweicloud_sdk_tests::root as workspace_root;

/// A module's path from `import`, e.g. `["import", "read", "page"]`.
type Module = Vec<String>;

/// Every module of the importer and the code of its file outside `#[cfg(test)]`.
fn modules(root: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("the importer's folder reads");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root.parent().expect("import has a parent")).expect("under src");
        let mut module: Module = rel.iter().map(|s| s.to_string_lossy().trim_end_matches(".rs").to_owned()).collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        let text = std::fs::read_to_string(path).expect("a module reads");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        out.insert(module, code);
    }
    out
}

/// The identifiers of the path that starts at `rest`: `a::b::{c, d::e}` gives `[a, b, c]` and
/// `[a, b, d, e]`.
fn paths(rest: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut prefix = Vec::new();
    let mut s = rest;
    loop {
        if let Some(group) = s.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            return inner
                .split(',')
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .map(|i| {
                    let mut p = prefix.clone();
                    p.extend(paths(i).into_iter().next().unwrap_or_default());
                    p
                })
                .collect();
        }
        let id = ident(s);
        if id.is_empty() {
            return vec![prefix];
        }
        s = &s[id.len()..];
        prefix.push(id);
        match s.strip_prefix("::") {
            Some(next) => s = next,
            None => return vec![prefix],
        }
    }
}

/// What each module depends on, by the paths in its code.
fn dependencies(modules: &BTreeMap<Module, String>) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut graph = BTreeMap::new();
    for (module, code) in modules {
        let mut deps = BTreeSet::new();
        // A mod.rs depends on the modules it declares.
        for other in modules.keys() {
            if other.len() == module.len() + 1 && other.starts_with(module) {
                deps.insert(other.clone());
            }
        }
        for (k, _) in code.match_indices("::") {
            let before = &code[..k];
            let start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(0, |i| i + 1);
            let head = &code[start..k];
            if code[k + 2..].starts_with("super::") {
                continue; // the chain's last `super` resolves it
            }
            let mut base: Module = match head {
                "crate" if code[k + 2..].starts_with("import::") => Vec::new(),
                "self" => module.clone(),
                _ if head == "super" || (head.starts_with("super::") && head.split("::").all(|s| s == "super")) => {
                    let ups = head.split("::").count();
                    module[..module.len().saturating_sub(ups)].to_vec()
                }
                _ => continue,
            };
            for path in paths(&code[k + 2..]) {
                let mut target = base.clone();
                target.extend(path);
                while !target.is_empty() && !modules.contains_key(&target) {
                    target.pop();
                }
                if !target.is_empty() && &target != module {
                    deps.insert(target);
                }
            }
            base.clear();
        }
        graph.insert(module.clone(), deps);
    }
    graph
}

/// A cycle through `from`, if there is one.
fn cycle(graph: &BTreeMap<Module, BTreeSet<Module>>, from: &Module) -> Option<Vec<Module>> {
    let mut stack = vec![(from.clone(), vec![from.clone()])];
    let mut seen = BTreeSet::new();
    while let Some((at, trail)) = stack.pop() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == from {
                let mut c = trail.clone();
                c.push(from.clone());
                return Some(c);
            }
            if seen.insert(next.clone()) {
                let mut t = trail.clone();
                t.push(next.clone());
                stack.push((next.clone(), t));
            }
        }
    }
    None
}

fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let root = workspace_root().join("codegen/src/import");
    let modules = modules(&root);
    assert!(modules.len() >= 10, "the importer's modules are found under {}", root.display());
    dependencies(&modules)
}

fn name(m: &Module) -> String {
    m.join("::")
}

#[test]
fn no_two_importer_modules_depend_on_each_other() {
    let graph = graph();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle(&graph, m))
        .map(|c| c.iter().map(name).collect::<Vec<_>>().join(" -> "))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles (move the shared item into a module both can use):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn each_importer_stage_depends_only_on_the_stages_before_it() {
    let order = ["read", "infer", "draft"];
    let stage = |m: &Module| m.get(1).and_then(|s| order.iter().position(|o| o == s));
    let mut wrong = Vec::new();
    for (module, deps) in graph() {
        let Some(own) = stage(&module) else { continue };
        // `import::error` serves every stage; the root `import` wires them and serves none.
        let later = |d: &Module| match stage(d) {
            Some(s) => s > own,
            None => d.len() == 1,
        };
        for d in deps.iter().filter(|d| later(d)) {
            wrong.push(format!("{} uses {}", name(&module), name(d)));
        }
    }
    assert!(wrong.is_empty(), "a stage reaches past itself (read < infer < draft):\n{}", wrong.join("\n"));
}

#[test]
fn the_dependency_reader_sees_every_kind_of_path() {
    let mut modules = BTreeMap::new();
    let m = |s: &str| s.split("::").map(str::to_owned).collect::<Module>();
    modules.insert(m("import"), String::new());
    modules.insert(m("import::a"), "use super::b::{self, X};\nuse crate::import::c::d::Y;".to_owned());
    modules.insert(m("import::b"), "fn f() { super::a::g(); }".to_owned());
    modules.insert(m("import::c"), "use self::d::Z;".to_owned());
    modules.insert(m("import::c::d"), "use super::super::ImportError;".to_owned());
    let graph = dependencies(&modules);
    let deps = |s: &str| graph[&m(s)].iter().map(name).collect::<Vec<_>>();
    assert_eq!(deps("import::a"), ["import::b", "import::c::d"]);
    assert_eq!(deps("import::b"), ["import::a"]);
    assert_eq!(deps("import::c"), ["import::c::d"]);
    assert_eq!(deps("import::c::d"), ["import"]);
    assert!(cycle(&graph, &m("import::a")).is_some(), "a and b use each other");
    assert!(cycle(&graph, &m("import::c::d")).is_some(), "d reaches up into the root, which declares c");
}
