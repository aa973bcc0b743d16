//! The framework's types, shared by the crate (`src/content.rs`) and the
//! build script (`build.rs`), which reads `content/framework.json` into them
//! and writes the Rust that builds the same value in the app. One
//! definition, so the file, the build and the pages cannot disagree.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub title: String,
    pub publisher: String,
    pub source_url: String,
    pub progress_checklist_xlsx_url: String,
    pub strapline: String,
    pub about: Vec<String>,
    pub sections: Vec<Section>,
    pub footnotes: Vec<Footnote>,
    pub glossary: Glossary,
    pub pillars_intro: String,
    pub self_assessment_intro: String,
    pub progress_intro: String,
    pub pillars: Vec<Pillar>,
    pub resources: Vec<ResourceGroup>,
}

/// A titled part of the overview page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Heading level on the page: 2 or 3.
    pub level: u8,
    pub blocks: Vec<Block>,
}

/// A block of body text. Strings may hold inline markup (see `markup`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Block {
    #[serde(rename = "p")]
    Paragraph(String),
    #[serde(rename = "ul")]
    List(Vec<String>),
    /// "The six pillars go here", drawn from `Framework::pillars`.
    #[serde(rename = "pillar_list")]
    PillarList,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub id: String,
    pub text: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub heading: String,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub definition: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    /// 1 to 6, as numbered in the publication.
    pub id: u8,
    pub title: String,
    pub elements: Vec<Element>,
    pub challenges: Vec<String>,
    pub summary: Vec<String>,
}

/// One demonstrable element, worded the three ways the publication words it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    /// "1.1" … "6.2": stable, used in links and in saved answers.
    pub id: String,
    /// As listed under "How this is demonstrated" on the pillar page.
    pub statement: String,
    /// As worded in the traffic-light self-assessment checklist.
    pub self_assessment: String,
    /// A short title for where space is short (the board report's grid,
    /// table headers), written from the self-assessment wording so that it
    /// keeps its meaning: never the statement cut at a word count.
    pub short_title: String,
    /// The recommendation as worded in the progress checklist.
    pub progress: String,
    /// "Recommendation" or "Recommendations", as the publication heads it.
    pub recommendation_heading: String,
    pub recommendation: Vec<String>,
    pub learning: Vec<Block>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceGroup {
    pub heading: String,
    pub items: Vec<String>,
}
