//! Turns `content/framework.json` into the Rust that builds the same value
//! (`$OUT_DIR/framework.rs`, included by `content::framework()`), so the app
//! carries no JSON parser for its own text and parses nothing at start-up.
//! The file is read into the crate's own types (`src/content_types.rs`), so
//! a field the types do not know, or one missing, fails the build here with
//! the place in the file.

use std::fmt::Write;
use std::path::Path;

#[path = "src/content_types.rs"]
#[allow(dead_code)]
mod content_types;

use content_types::*;

fn main() {
    println!("cargo::rerun-if-changed=content/framework.json");
    println!("cargo::rerun-if-changed=src/content_types.rs");
    let text = std::fs::read_to_string("content/framework.json")
        .unwrap_or_else(|e| panic!("content/framework.json: {e}"));
    let framework: Framework =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("content/framework.json: {e}"));
    let mut out = String::new();
    framework.emit(&mut out);
    let path =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("framework.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Writes a Rust expression for a value. Strings go through `s(…)` and
/// lists of strings through `v(&[…])` (both in `src/content.rs`): one call
/// each, which keeps the generated code small.
trait Emit {
    fn emit(&self, out: &mut String);
}

impl Emit for String {
    fn emit(&self, out: &mut String) {
        // `{:?}` of a str is a valid Rust string literal.
        write!(out, "s({self:?})").unwrap();
    }
}

impl Emit for u8 {
    fn emit(&self, out: &mut String) {
        write!(out, "{self}").unwrap();
    }
}

impl Emit for Vec<String> {
    fn emit(&self, out: &mut String) {
        out.push_str("v(&[");
        for text in self {
            write!(out, "{text:?},").unwrap();
        }
        out.push_str("])");
    }
}

/// A list of anything but strings.
fn list<T: Emit>(items: &[T], out: &mut String) {
    out.push_str("vec![");
    for item in items {
        item.emit(out);
        out.push(',');
    }
    out.push(']');
}

/// `Name { field: value, … }`, each field written by its own `Emit`.
macro_rules! emit_struct {
    ($name:ident { $($field:ident),+ $(,)? }) => {
        impl Emit for $name {
            fn emit(&self, out: &mut String) {
                out.push_str(concat!(stringify!($name), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.emit(out);
                    out.push(',');
                )+
                out.push('}');
            }
        }
    };
}

macro_rules! emit_list {
    ($($name:ident),+) => {
        $(impl Emit for Vec<$name> {
            fn emit(&self, out: &mut String) {
                list(self, out);
            }
        })+
    };
}

emit_list!(
    Section,
    Block,
    Footnote,
    Term,
    Pillar,
    Element,
    ResourceGroup
);

emit_struct!(Framework {
    title,
    publisher,
    source_url,
    progress_checklist_xlsx_url,
    strapline,
    about,
    sections,
    footnotes,
    glossary,
    pillars_intro,
    self_assessment_intro,
    progress_intro,
    pillars,
    resources,
});
emit_struct!(Section {
    id,
    heading,
    level,
    blocks
});
emit_struct!(Footnote { id, text, url });
emit_struct!(Glossary { heading, terms });
emit_struct!(Term { term, definition });
emit_struct!(Pillar {
    id,
    title,
    elements,
    challenges,
    summary
});
emit_struct!(Element {
    id,
    statement,
    self_assessment,
    short_title,
    progress,
    recommendation_heading,
    recommendation,
    learning,
});
emit_struct!(ResourceGroup { heading, items });

impl Emit for Block {
    fn emit(&self, out: &mut String) {
        match self {
            Block::Paragraph(text) => {
                out.push_str("Block::Paragraph(");
                text.emit(out);
                out.push(')');
            }
            Block::List(items) => {
                out.push_str("Block::List(");
                items.emit(out);
                out.push(')');
            }
            Block::PillarList => out.push_str("Block::PillarList"),
        }
    }
}
