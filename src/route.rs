//! Where the reader is, as plain data, parsed from and written to the URL
//! fragment.
//!
//! Hash URLs (`#/pillars/2`) let every page be deep-linked and refreshed on
//! any static host, at the root or under a sub-path, with no rewrite rules.
//! A fragment that is not a route (such as `#maincontent`) is an in-page
//! jump, and parses to `None` so the current page stays.

use crate::content::Framework;

/// The service name used in every page title.
pub const SERVICE_NAME: &str = "LGBTQ+ Inclusion Framework";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Overview,
    Pillar(u8),
    Glossary,
    Resources,
    SelfAssessment,
    Progress,
    Summary,
    Organisation,
    Assessments,
    Share,
    Print,
    Rounds,
    Compare,
    Privacy,
    Accessibility,
    NotFound,
    /// The open assessment as a task list: the home of the assessment.
    Tasks,
    /// The open assessment on one or two A4 pages, for a board paper.
    Board,
}

/// A page plus an optional element on it to scroll to (`?to=element-1-2`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub page: Page,
    pub anchor: Option<String>,
}

impl Location {
    pub fn page(page: Page) -> Self {
        Location { page, anchor: None }
    }

    pub fn at(page: Page, anchor: impl Into<String>) -> Self {
        Location {
            page,
            anchor: Some(anchor.into()),
        }
    }

    pub fn href(&self) -> String {
        let base = self.page.href();
        match &self.anchor {
            Some(anchor) => format!("{base}?to={anchor}"),
            None => base,
        }
    }
}

impl Page {
    pub fn href(self) -> String {
        match self {
            Page::Overview => "#/".into(),
            Page::Pillar(id) => format!("#/pillars/{id}"),
            Page::Glossary => "#/glossary".into(),
            Page::Resources => "#/resources".into(),
            Page::SelfAssessment => "#/self-assessment".into(),
            Page::Progress => "#/progress".into(),
            Page::Summary => "#/summary".into(),
            Page::Organisation => "#/organisation".into(),
            Page::Assessments => "#/assessments".into(),
            Page::Share => "#/share".into(),
            Page::Print => "#/print".into(),
            Page::Rounds => "#/rounds".into(),
            Page::Compare => "#/compare".into(),
            Page::Privacy => "#/privacy".into(),
            Page::Accessibility => "#/accessibility".into(),
            Page::NotFound => "#/not-found".into(),
            Page::Tasks => "#/tasks".into(),
            Page::Board => "#/board".into(),
        }
    }

    /// One page of each kind (pillar 1 stands for every pillar). A new
    /// `Page` variant belongs here too: `is_reading` will not compile until
    /// it is decided, and the loader learns it from `editing_paths`.
    pub const KINDS: [Page; 18] = [
        Page::Overview,
        Page::Pillar(1),
        Page::Glossary,
        Page::Resources,
        Page::SelfAssessment,
        Page::Progress,
        Page::Summary,
        Page::Organisation,
        Page::Assessments,
        Page::Share,
        Page::Print,
        Page::Rounds,
        Page::Compare,
        Page::Privacy,
        Page::Accessibility,
        Page::NotFound,
        Page::Tasks,
        Page::Board,
    ];

    /// The pages the reader build draws: the framework itself, and nothing
    /// that edits. The loader starts the reader for these (see
    /// `editing_paths`). No wildcard: every new page must be decided here.
    pub fn is_reading(self) -> bool {
        match self {
            Page::Overview
            | Page::Pillar(_)
            | Page::Glossary
            | Page::Resources
            | Page::Accessibility
            | Page::NotFound => true,
            Page::SelfAssessment
            | Page::Progress
            | Page::Summary
            | Page::Organisation
            | Page::Assessments
            | Page::Share
            | Page::Print
            | Page::Rounds
            | Page::Compare
            | Page::Privacy
            | Page::Tasks
            | Page::Board => false,
        }
    }

    /// The visible heading of the page.
    pub fn heading(self, fw: &Framework) -> String {
        match self {
            Page::Overview => fw.title.clone(),
            Page::Pillar(id) => match fw.pillar(id) {
                Some(p) => format!("Pillar {id}: {}", p.title),
                None => "Page not found".into(),
            },
            Page::Glossary => fw.glossary.heading.clone(),
            Page::Resources => "Resources".into(),
            Page::SelfAssessment => "Self-assessment checklist".into(),
            Page::Progress => "Progress checklist".into(),
            Page::Summary => "Summary".into(),
            Page::Organisation => "Organisation details".into(),
            Page::Assessments => "Your assessments".into(),
            Page::Share => "Save, share and import".into(),
            Page::Print => "Completed checklist".into(),
            Page::Rounds => "Review rounds".into(),
            Page::Compare => "Compare organisations".into(),
            Page::Privacy => "Privacy notice".into(),
            Page::Accessibility => "Accessibility statement".into(),
            Page::NotFound => "Page not found".into(),
            Page::Tasks => "Complete your assessment".into(),
            Page::Board => "Board report".into(),
        }
    }

    /// The document title: page, then service (NHS.UK pattern).
    pub fn title(self, fw: &Framework) -> String {
        match self {
            Page::Overview => format!("Overview – {SERVICE_NAME}"),
            other => format!("{} – {SERVICE_NAME}", other.heading(fw)),
        }
    }
}

/// The paths (`self-assessment` for `#/self-assessment`) of the pages only
/// the full app draws, from `Page::KINDS` and `Page::is_reading`. The build
/// writes them into `scripts/loader.js` (`examples/editing_pages.rs`, run by
/// `scripts/write-loader.mjs`), so this is the one list of them.
pub fn editing_paths() -> Vec<String> {
    Page::KINDS
        .iter()
        .filter(|page| !page.is_reading())
        .map(|page| page.href().trim_start_matches("#/").to_string())
        .collect()
}

/// Anchors are ids we generate: keep them to a safe alphabet.
fn is_anchor(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Reads a `location.hash`. `None` means "not a route: stay where you are".
pub fn parse_hash(hash: &str, fw: &Framework) -> Option<Location> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    if hash.is_empty() {
        return Some(Location::page(Page::Overview));
    }
    let route = hash.strip_prefix('/')?;
    let (path, query) = match route.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (route, None),
    };
    let anchor = query
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("to=")))
        .filter(|a| is_anchor(a))
        .map(str::to_string);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let page = match segments.as_slice() {
        [] => Page::Overview,
        ["pillars", n] => match n.parse::<u8>() {
            Ok(id) if fw.pillar(id).is_some() && *n == id.to_string() => Page::Pillar(id),
            _ => Page::NotFound,
        },
        ["glossary"] => Page::Glossary,
        ["resources"] => Page::Resources,
        ["self-assessment"] => Page::SelfAssessment,
        ["progress"] => Page::Progress,
        ["summary"] => Page::Summary,
        ["organisation"] => Page::Organisation,
        ["assessments"] => Page::Assessments,
        ["share"] => Page::Share,
        ["print"] => Page::Print,
        ["rounds"] => Page::Rounds,
        ["compare"] => Page::Compare,
        ["privacy"] => Page::Privacy,
        ["accessibility"] => Page::Accessibility,
        ["tasks"] => Page::Tasks,
        ["board"] => Page::Board,
        _ => Page::NotFound,
    };
    Some(Location { page, anchor })
}

/// The pillars before and after this one, for previous/next links.
pub fn neighbours(fw: &Framework, id: u8) -> (Option<u8>, Option<u8>) {
    let ids: Vec<u8> = fw.pillars.iter().map(|p| p.id).collect();
    match ids.iter().position(|&p| p == id) {
        Some(i) => (i.checked_sub(1).map(|j| ids[j]), ids.get(i + 1).copied()),
        None => (None, None),
    }
}

/// The id given to an element's heading on its pillar page.
pub fn element_anchor(element_id: &str) -> String {
    format!("element-{}", dom_id(element_id))
}

/// An element id usable in HTML ids: "1.2" -> "1-2".
pub fn dom_id(element_id: &str) -> String {
    element_id.replace('.', "-")
}

/// Where an element is rated on the self-assessment checklist.
pub fn rate_link(element_id: &str) -> String {
    Location::at(Page::SelfAssessment, format!("rate-{}", dom_id(element_id))).href()
}

/// Where a recommendation's progress is recorded.
pub fn progress_link(element_id: &str) -> String {
    Location::at(Page::Progress, format!("progress-{}", dom_id(element_id))).href()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;

    fn parse(h: &str) -> Option<Location> {
        parse_hash(h, framework())
    }

    #[test]
    fn every_page_round_trips_through_its_href() {
        let fw = framework();
        let mut pages = vec![
            Page::Overview,
            Page::Glossary,
            Page::Resources,
            Page::NotFound,
        ];
        pages.extend(fw.pillars.iter().map(|p| Page::Pillar(p.id)));
        for page in pages {
            assert_eq!(parse(&page.href()).unwrap().page, page, "{page:?}");
            let deep = Location::at(page, "element-1-2");
            assert_eq!(parse(&deep.href()), Some(deep));
        }
    }

    #[test]
    fn empty_hash_is_the_overview() {
        assert_eq!(parse(""), Some(Location::page(Page::Overview)));
        assert_eq!(parse("#"), Some(Location::page(Page::Overview)));
        assert_eq!(parse("#/"), Some(Location::page(Page::Overview)));
    }

    #[test]
    fn in_page_jumps_are_not_routes() {
        assert_eq!(parse("#maincontent"), None);
        assert_eq!(parse("#footnote-1"), None);
    }

    #[test]
    fn unknown_or_malformed_paths_are_not_found() {
        for hash in [
            "#/pillars/0",
            "#/pillars/7",
            "#/pillars/01",
            "#/pillars/x",
            "#/pillars",
            "#/nope",
            "#/glossary/extra",
        ] {
            assert_eq!(parse(hash).unwrap().page, Page::NotFound, "{hash}");
        }
    }

    #[test]
    fn hostile_anchors_are_dropped() {
        let loc = parse("#/pillars/2?to=<img onerror=x>").unwrap();
        assert_eq!(loc, Location::page(Page::Pillar(2)));
        let long = format!("#/?to={}", "a".repeat(65));
        assert_eq!(parse(&long).unwrap().anchor, None);
    }

    #[test]
    fn the_reader_draws_the_framework_and_nothing_that_edits() {
        let fw = framework();
        let reading: Vec<&str> = [
            "#/",
            "#/pillars/3",
            "#/glossary",
            "#/resources",
            "#/accessibility",
            "#/nope",
        ]
        .to_vec();
        for hash in reading {
            assert!(parse_hash(hash, fw).unwrap().page.is_reading(), "{hash}");
        }
        for hash in [
            "#/self-assessment",
            "#/progress",
            "#/summary",
            "#/organisation",
            "#/assessments",
            "#/share",
            "#/print",
            "#/rounds",
            "#/compare",
            "#/privacy",
            "#/board",
        ] {
            assert!(!parse_hash(hash, fw).unwrap().page.is_reading(), "{hash}");
        }
    }

    #[test]
    fn kinds_lists_each_kind_of_page_once_and_every_href_parses_back() {
        for page in Page::KINDS {
            assert_eq!(parse(&page.href()).unwrap().page, page, "{page:?}");
            let same_kind = |p: &&Page| std::mem::discriminant(*p) == std::mem::discriminant(&page);
            assert_eq!(Page::KINDS.iter().filter(same_kind).count(), 1, "{page:?}");
        }
    }

    #[test]
    fn the_loader_gets_exactly_the_pages_that_edit() {
        let fw = framework();
        let paths = editing_paths();
        assert_eq!(
            paths,
            [
                "self-assessment",
                "progress",
                "summary",
                "organisation",
                "assessments",
                "share",
                "print",
                "rounds",
                "compare",
                "privacy",
                "tasks",
                "board"
            ]
        );
        for path in &paths {
            // A single path segment: the loader matches the whole path.
            assert!(
                !path.is_empty() && !path.contains(['/', '?', '#']),
                "{path}"
            );
            let page = parse_hash(&format!("#/{path}"), fw).unwrap().page;
            assert!(!page.is_reading(), "{path}");
        }
        for page in Page::KINDS.iter().filter(|p| p.is_reading()) {
            let path = page.href().trim_start_matches("#/").to_string();
            assert!(!paths.contains(&path), "{page:?} is for reading");
        }
    }

    #[test]
    fn titles_name_the_page_then_the_service() {
        let fw = framework();
        assert_eq!(
            Page::Overview.title(fw),
            "Overview – LGBTQ+ Inclusion Framework"
        );
        assert_eq!(
            Page::Pillar(2).title(fw),
            "Pillar 2: We have a strong knowledge base – LGBTQ+ Inclusion Framework"
        );
        assert_eq!(
            Page::Glossary.title(fw),
            "A note on language – LGBTQ+ Inclusion Framework"
        );
        assert_eq!(
            Page::NotFound.title(fw),
            "Page not found – LGBTQ+ Inclusion Framework"
        );
    }

    #[test]
    fn neighbours_stop_at_the_ends() {
        let fw = framework();
        assert_eq!(neighbours(fw, 1), (None, Some(2)));
        assert_eq!(neighbours(fw, 3), (Some(2), Some(4)));
        assert_eq!(neighbours(fw, 6), (Some(5), None));
        assert_eq!(element_anchor("4.3"), "element-4-3");
    }
}
