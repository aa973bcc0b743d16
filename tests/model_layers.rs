//! The domain model's modules import each other in layers, never in a
//! cycle (issue 18): each `src/model/` module (a file, or a folder such as
//! `sheet/`) is read, its `super::x` and `crate::model::x` imports outside
//! tests collected, and the graph searched for a cycle. A cycle fails with
//! the modules on it, so the next change that adds one says where.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each module's source outside its tests.
fn modules() -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("src/model") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = if path.is_dir() {
            let mut all = String::new();
            for f in fs::read_dir(&path).expect("folder") {
                let f = f.expect("file").path();
                // A folder's `tests.rs` is its tests (`#[cfg(test)] mod tests;`).
                if f.file_stem().is_some_and(|n| n != "tests") {
                    let text = fs::read_to_string(&f).unwrap_or_default();
                    all += text.split("#[cfg(test)]").next().unwrap_or_default();
                }
            }
            all
        } else if name != "mod" {
            fs::read_to_string(&path).expect("readable")
        } else {
            continue;
        };
        let code = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_string();
        out.insert(name, code);
    }
    out
}

/// The sibling modules `code` names after `super::` or `crate::model::`
/// (in a `sheet/` file, `super::` is the sheet itself or `super::super::`).
fn imports(code: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for prefix in ["super::", "crate::model::"] {
        for (at, _) in code.match_indices(prefix) {
            let rest = &code[at + prefix.len()..];
            let rest = rest.strip_prefix("super::").unwrap_or(rest);
            let word: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if names.contains(&word) {
                found.insert(word);
            }
        }
    }
    found
}

#[test]
fn the_model_modules_import_each_other_without_a_cycle() {
    let modules = modules();
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    assert!(names.len() > 20, "read the model: {names:?}");
    let graph: BTreeMap<&str, BTreeSet<String>> = modules
        .iter()
        .map(|(name, code)| {
            let mut deps = imports(code, &names);
            deps.remove(name);
            (name.as_str(), deps)
        })
        .collect();
    // Depth-first search; a module met again while on the path closes a cycle.
    fn visit<'a>(
        m: &'a str,
        graph: &'a BTreeMap<&str, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| *p == m) {
            let mut cycle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m);
        for dep in &graph[m] {
            if let Some(cycle) = visit(dep, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(m);
        None
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        let cycle = visit(m, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "an import cycle: {}",
            cycle.unwrap_or_default().join(" → ")
        );
    }
    // The layering ARCHITECTURE.md describes, at its foot.
    assert!(graph["clock"].is_empty());
    assert!(!graph["answer"].contains("assessment"));
    assert!(!graph["rounds"].contains("assessment"));
}
