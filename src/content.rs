//! The framework's text, as plain data.
//!
//! The words live in `content/framework.json` so that an editor can correct a
//! sentence without touching any component. The file is compiled into the
//! binary and parsed once, on first use (see `framework()`); `validate` holds
//! the invariants the pages rely on and is enforced by a native test.

use crate::markup::{parse_inline, Inline};
use std::sync::OnceLock;

#[path = "content_types.rs"]
mod types;
pub use types::*;

/// The file itself, for tests that parse it as the build script does.
#[cfg(test)]
const SOURCE: &str = include_str!("../content/framework.json");

impl Framework {
    pub fn pillar(&self, id: u8) -> Option<&Pillar> {
        self.pillars.iter().find(|p| p.id == id)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.pillars.iter().flat_map(|p| p.elements.iter())
    }

    pub fn element(&self, id: &str) -> Option<&Element> {
        self.elements().find(|e| e.id == id)
    }

    pub fn footnote(&self, id: &str) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.id == id)
    }

    /// Every string that may carry inline markup, with where it lives.
    fn marked_up_strings(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        out.push(("strapline".into(), &self.strapline));
        out.extend(self.about.iter().map(|p| ("about".to_string(), p.as_str())));
        for section in &self.sections {
            push_blocks(
                &format!("section {}", section.id),
                &section.blocks,
                &mut out,
            );
        }
        for term in &self.glossary.terms {
            out.push((format!("glossary {}", term.term), &term.definition));
        }
        for pillar in &self.pillars {
            for element in &pillar.elements {
                let place = format!("element {}", element.id);
                for text in [
                    &element.statement,
                    &element.self_assessment,
                    &element.progress,
                ] {
                    out.push((place.clone(), text));
                }
                out.extend(
                    element
                        .recommendation
                        .iter()
                        .map(|p| (place.clone(), p.as_str())),
                );
                push_blocks(&place, &element.learning, &mut out);
            }
            let place = format!("pillar {}", pillar.id);
            out.extend(
                pillar
                    .challenges
                    .iter()
                    .map(|c| (place.clone(), c.as_str())),
            );
            out.extend(pillar.summary.iter().map(|c| (place.clone(), c.as_str())));
        }
        for group in &self.resources {
            let place = format!("resources {}", group.heading);
            out.extend(group.items.iter().map(|i| (place.clone(), i.as_str())));
        }
        out
    }

    /// Every outbound URL in the content.
    pub fn links(&self) -> Vec<String> {
        let mut urls = vec![
            self.source_url.clone(),
            self.progress_checklist_xlsx_url.clone(),
        ];
        urls.extend(self.footnotes.iter().map(|f| f.url.clone()));
        for (_, text) in self.marked_up_strings() {
            for part in parse_inline(text).unwrap_or_default() {
                if let Inline::Link { url, .. } = part {
                    urls.push(url);
                }
            }
        }
        urls
    }

    /// The invariants pages and saved answers rely on; empty when all hold.
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut expect = |ok: bool, problem: String| {
            if !ok {
                problems.push(problem)
            }
        };
        for (i, pillar) in self.pillars.iter().enumerate() {
            let number = i + 1;
            expect(
                pillar.id as usize == number,
                format!("pillar {} is listed in position {number}", pillar.id),
            );
            expect(
                !pillar.title.trim().is_empty(),
                format!("pillar {number} has no title"),
            );
            expect(
                !pillar.elements.is_empty(),
                format!("pillar {number} has no elements"),
            );
            expect(
                !pillar.challenges.is_empty(),
                format!("pillar {number} has no challenges"),
            );
            expect(
                !pillar.summary.is_empty(),
                format!("pillar {number} has no summary"),
            );
            for (j, element) in pillar.elements.iter().enumerate() {
                let want = format!("{number}.{}", j + 1);
                expect(
                    element.id == want,
                    format!("element {} should be {want}", element.id),
                );
                for (field, text) in [
                    ("statement", &element.statement),
                    ("self_assessment", &element.self_assessment),
                    ("progress", &element.progress),
                    ("short_title", &element.short_title),
                ] {
                    expect(
                        !text.trim().is_empty(),
                        format!("element {want} has no {field}"),
                    );
                }
                expect(
                    matches!(
                        element.recommendation_heading.as_str(),
                        "Recommendation" | "Recommendations"
                    ),
                    format!("element {want} has an odd recommendation heading"),
                );
                expect(
                    element.recommendation.iter().any(|p| !p.trim().is_empty()),
                    format!("element {want} has no recommendation"),
                );
                expect(
                    !element.learning.is_empty(),
                    format!("element {want} has no learning"),
                );
            }
        }
        for section in &self.sections {
            expect(
                matches!(section.level, 2 | 3),
                format!("section {} has heading level {}", section.id, section.level),
            );
        }
        for (place, text) in self.marked_up_strings() {
            expect(!text.trim().is_empty(), format!("{place}: empty text"));
            expect(
                text == text.trim() && !text.contains("  ") && !text.contains('\t'),
                format!("{place}: stray whitespace in {text:?}"),
            );
            expect(
                !text.contains('✓') && !text.contains('\u{F0FC}'),
                format!("{place}: stray tick in {text:?}"),
            );
            match parse_inline(text) {
                Err(e) => expect(false, format!("{place}: {e} in {text:?}")),
                Ok(parts) => {
                    for part in parts {
                        if let Inline::FootnoteRef(id) = part {
                            expect(
                                self.footnote(&id).is_some(),
                                format!("{place}: unknown footnote [^{id}]"),
                            );
                        }
                    }
                }
            }
        }
        for url in self.links() {
            expect(
                url.starts_with("https://") && !url.contains(char::is_whitespace),
                format!("link {url:?} is not an https URL"),
            );
        }
        problems
    }
}

fn push_blocks<'a>(place: &str, blocks: &'a [Block], out: &mut Vec<(String, &'a str)>) {
    for block in blocks {
        match block {
            Block::Paragraph(text) => out.push((place.to_string(), text.as_str())),
            Block::List(items) => out.extend(items.iter().map(|i| (place.to_string(), i.as_str()))),
            Block::PillarList => {}
        }
    }
}

/// Parses framework JSON, as the build script does; the error says where
/// the file is wrong. The app never parses it (see `framework()`).
pub fn parse(json: &str) -> Result<Framework, String> {
    serde_json::from_str(json).map_err(|e| format!("content/framework.json: {e}"))
}

/// The framework text, built once on first use from the Rust that
/// `build.rs` wrote from `content/framework.json`: no JSON parser in the
/// page that loads first, and nothing to parse at start-up.
pub fn framework() -> &'static Framework {
    static FRAMEWORK: OnceLock<Framework> = OnceLock::new();
    FRAMEWORK.get_or_init(|| include!(concat!(env!("OUT_DIR"), "/framework.rs")))
}

/// A string of the content, as the generated code writes one.
fn s(text: &str) -> String {
    text.to_owned()
}

/// A list of strings of the content.
fn v(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IDS: [&str; 17] = [
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1",
        "5.2", "5.3", "6.1", "6.2",
    ];

    #[test]
    fn the_built_content_is_exactly_the_file() {
        // build.rs wrote the Rust from the file; nothing may be lost or
        // changed on the way (every field, in order, every character).
        let parsed = parse(SOURCE).unwrap();
        assert_eq!(format!("{:?}", framework()), format!("{parsed:?}"));
    }

    #[test]
    fn shipped_content_has_the_publications_shape() {
        let fw = framework();
        assert_eq!(fw.pillars.len(), 6);
        let ids: Vec<&str> = fw.elements().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, IDS);
        assert_eq!(fw.glossary.terms.len(), 3);
        assert_eq!(fw.footnotes.len(), 3);
        assert_eq!(fw.resources.len(), 4);
        assert_eq!(fw.validate(), Vec::<String>::new());
    }

    #[test]
    fn the_three_wordings_are_kept_apart() {
        let fw = framework();
        let e = fw.element("2.3").unwrap();
        assert_eq!(
            e.statement,
            "Our organisation is learning and using appropriate language."
        );
        assert_eq!(
            e.self_assessment,
            "The organisation is learning and using appropriate language."
        );
        assert!(fw
            .element("1.4")
            .unwrap()
            .progress
            .starts_with("Non-LGBTQ+ leaders should model good allyship, ensuring"));
    }

    /// Words too short or too common to carry the meaning on their own.
    const LINKING: [&str; 14] = [
        "a", "an", "and", "are", "at", "for", "from", "in", "is", "of", "the", "their", "to",
        "with",
    ];

    fn words(text: &str) -> Vec<String> {
        crate::markup::plain_text(text)
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | '’'))
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn short_titles_keep_the_publications_meaning() {
        for e in framework().elements() {
            let short = &e.short_title;
            let said = words(&e.self_assessment);
            let own = words(short);
            assert!(
                (10..=52).contains(&short.chars().count()),
                "{}: {short:?} must be 10 to 52 characters",
                e.id
            );
            // Never a cut: no ellipsis, no stop at a dangling word.
            assert!(!short.ends_with('…') && !short.ends_with("..."), "{short}");
            let last = own.last().map(String::as_str).unwrap_or_default();
            assert!(
                !LINKING.contains(&last) && !["not", "or", "but", "no"].contains(&last),
                "{}: {short:?} ends on {last:?}",
                e.id
            );
            // Every word that carries meaning is the publication's (or a
            // form of it: "address" for "addressing").
            for w in own
                .iter()
                .filter(|w| w.len() > 2 && !LINKING.contains(&w.as_str()))
            {
                let stem: String = w.chars().take(6).collect();
                assert!(
                    said.iter().any(|s| s.starts_with(&stem)),
                    "{}: {w:?} in {short:?} is not in {:?}",
                    e.id,
                    e.self_assessment
                );
            }
            // A negative stays negative.
            for neg in ["not", "no", "never"] {
                assert_eq!(
                    said.iter().any(|w| w == neg),
                    own.iter().any(|w| w == neg),
                    "{}: {short:?} must keep (or not add) {neg:?}",
                    e.id
                );
            }
        }
        assert_eq!(
            framework().element("3.2").unwrap().short_title,
            "Gender identity and sexual orientation not assumed"
        );
    }

    #[test]
    fn every_link_is_https_and_resources_all_link_out() {
        let fw = framework();
        assert!(fw.links().len() > 20);
        for group in &fw.resources {
            for item in &group.items {
                let parts = parse_inline(item).unwrap();
                assert!(
                    parts.iter().any(|p| matches!(p, Inline::Link { .. })),
                    "resource without a link: {item}"
                );
            }
        }
    }

    #[test]
    fn no_extraction_artefacts_survive() {
        let raw = SOURCE;
        for artefact in [
            "✓",
            "– Health and Care LGBTQ+ Inclusion Framework",
            "\\t",
            "decision- making",
        ] {
            assert!(!raw.contains(artefact), "content still holds {artefact:?}");
        }
    }

    #[test]
    fn validate_reports_each_broken_invariant() {
        let mut fw = framework().clone();
        fw.pillars[0].elements[1].id = "1.9".into();
        fw.pillars[1].elements[0].recommendation.clear();
        fw.pillars[2].summary[0] = "Broken [link".into();
        fw.pillars[3].challenges[0] = "See [x](http://insecure.example)".into();
        fw.sections[0]
            .blocks
            .push(Block::Paragraph("Cited.[^9]".into()));
        fw.pillars[4].elements[0].progress = " ".into();
        let problems = fw.validate().join("\n");
        for needle in [
            "element 1.9 should be 1.2",
            "element 2.1 has no recommendation",
            "pillar 3: unclosed '['",
            "\"http://insecure.example\" is not an https URL",
            "unknown footnote [^9]",
            "element 5.1 has no progress",
        ] {
            assert!(
                problems.contains(needle),
                "missing {needle:?} in:\n{problems}"
            );
        }
    }

    #[test]
    fn parse_errors_name_the_file_and_place() {
        let err = parse("{\"title\": 3}").unwrap_err();
        assert!(err.starts_with("content/framework.json:"), "{err}");
        assert!(err.contains("line 1"), "{err}");
    }
}
