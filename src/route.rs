//! Where the person is, as plain data, parsed from and written to the URL
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
    /// The traffic-light self-assessment, one pillar per page.
    SelfAssessment(Step),
    /// The progress checklist, one pillar per page.
    Progress(Step),
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
    /// Starting an assessment: the organisation's name, type and date.
    Start,
    /// Every next step of the action plan, with owner and target date.
    Actions,
    /// The open assessment on one or two A4 pages, for a board paper.
    Board,
}

/// Where in a checklist: one pillar's page, the focus elements (progress
/// only), or the check-your-answers page at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Pillar(u8),
    Focus,
    Check,
}

impl Step {
    fn path(self) -> String {
        match self {
            Step::Pillar(id) => id.to_string(),
            Step::Focus => "focus".into(),
            Step::Check => "check".into(),
        }
    }
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
            Page::SelfAssessment(step) => format!("#/self-assessment/{}", step.path()),
            Page::Progress(step) => format!("#/progress/{}", step.path()),
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
            Page::Start => "#/start".into(),
            Page::Actions => "#/actions".into(),
            Page::Board => "#/board".into(),
        }
    }

    /// The first page of the self-assessment and of the progress checklist.
    pub const RATE: Page = Page::SelfAssessment(Step::Pillar(1));
    pub const RECORD: Page = Page::Progress(Step::Pillar(1));

    /// The header menu, in the order of the journey: the framework, your
    /// tasks (the assessment's home), then what follows from the answers.
    pub const MENU: [(&'static str, Page); 7] = [
        ("Framework", Page::Overview),
        ("Your tasks", Page::Tasks),
        ("Summary", Page::Summary),
        ("Action tracker", Page::Actions),
        ("Board report", Page::Board),
        ("Share", Page::Share),
        ("Your assessments", Page::Assessments),
    ];

    /// The menu entry this page is part of, marked as current: the
    /// checklists' pages and the organisation details belong to your tasks,
    /// the framework's reading pages to the framework.
    pub fn menu_entry(self) -> Option<Page> {
        match self {
            Page::Overview | Page::Pillar(_) | Page::Glossary | Page::Resources => {
                Some(Page::Overview)
            }
            Page::Tasks
            | Page::Start
            | Page::SelfAssessment(_)
            | Page::Progress(_)
            | Page::Organisation => Some(Page::Tasks),
            Page::Summary => Some(Page::Summary),
            Page::Actions => Some(Page::Actions),
            Page::Board => Some(Page::Board),
            Page::Share | Page::Print => Some(Page::Share),
            Page::Assessments | Page::Rounds => Some(Page::Assessments),
            Page::Compare | Page::Privacy | Page::Accessibility | Page::NotFound => None,
        }
    }

    /// One page of each kind (pillar 1 stands for every pillar). A new
    /// `Page` variant belongs here too: `is_reading` will not compile until
    /// it is decided.
    pub const KINDS: [Page; 20] = [
        Page::Overview,
        Page::Pillar(1),
        Page::Glossary,
        Page::Resources,
        Page::RATE,
        Page::RECORD,
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
        Page::Start,
        Page::Actions,
        Page::Board,
    ];

    /// The pages in the main module of the build: the framework itself, and
    /// nothing that edits; every other page is in a part fetched on first
    /// use (`src/parts.rs`). No wildcard: every new page must be decided here.
    pub fn is_reading(self) -> bool {
        match self {
            Page::Overview
            | Page::Pillar(_)
            | Page::Glossary
            | Page::Resources
            | Page::Accessibility
            | Page::NotFound => true,
            Page::SelfAssessment(_)
            | Page::Progress(_)
            | Page::Summary
            | Page::Organisation
            | Page::Assessments
            | Page::Share
            | Page::Print
            | Page::Rounds
            | Page::Compare
            | Page::Privacy
            | Page::Tasks
            | Page::Start
            | Page::Actions
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
            Page::SelfAssessment(Step::Pillar(id)) | Page::Progress(Step::Pillar(id)) => {
                match fw.pillar(id) {
                    Some(p) => p.title.clone(),
                    None => "Page not found".into(),
                }
            }
            Page::SelfAssessment(_) => "Check your self-assessment".into(),
            Page::Progress(Step::Focus) => "Progress on the elements to focus on".into(),
            Page::Progress(_) => "Check your progress checklist".into(),
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
            Page::Start => "About your organisation".into(),
            Page::Actions => "Action tracker".into(),
            Page::Board => "Board report".into(),
        }
    }

    /// What a checklist page is part of, shown above its heading and in
    /// the title: "Self-assessment, pillar 3 of 6".
    pub fn caption(self, fw: &Framework) -> Option<String> {
        let of = |name: &str, step: Step| match step {
            Step::Pillar(id) => format!("{name}, pillar {id} of {}", fw.pillars.len()),
            Step::Focus | Step::Check => name.to_string(),
        };
        match self {
            Page::SelfAssessment(step) => Some(of("Self-assessment", step)),
            Page::Progress(step) => Some(of("Progress checklist", step)),
            _ => None,
        }
    }

    /// The document title: page, then section, then service (NHS.UK pattern).
    pub fn title(self, fw: &Framework) -> String {
        match (self, self.caption(fw)) {
            (Page::Overview, _) => format!("Overview – {SERVICE_NAME}"),
            (Page::SelfAssessment(Step::Pillar(_)) | Page::Progress(Step::Pillar(_)), Some(c)) => {
                format!("{} – {c} – {SERVICE_NAME}", self.heading(fw))
            }
            (other, _) => format!("{} – {SERVICE_NAME}", other.heading(fw)),
        }
    }
}

/// Which step of a checklist an address names. The old one-page addresses
/// (`#/self-assessment?to=rate-3-2`, `#/progress?to=pillar-4`) land on the
/// pillar the anchor is in; with no anchor, on pillar 1.
fn step(rest: &[&str], anchor: Option<&str>, fw: &Framework, focus: bool) -> Option<Step> {
    match rest {
        [] => {
            let pillar = anchor
                .and_then(|a| a.split('-').find_map(|part| part.parse::<u8>().ok()))
                .filter(|id| fw.pillar(*id).is_some());
            Some(Step::Pillar(pillar.unwrap_or(1)))
        }
        ["check"] => Some(Step::Check),
        ["focus"] if focus => Some(Step::Focus),
        [n] => match n.parse::<u8>() {
            Ok(id) if fw.pillar(id).is_some() && *n == id.to_string() => Some(Step::Pillar(id)),
            _ => None,
        },
        _ => None,
    }
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
        ["self-assessment", rest @ ..] => {
            step(rest, anchor.as_deref(), fw, false).map_or(Page::NotFound, Page::SelfAssessment)
        }
        ["progress", rest @ ..] => {
            step(rest, anchor.as_deref(), fw, true).map_or(Page::NotFound, Page::Progress)
        }
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
        ["start"] => Page::Start,
        ["actions"] => Page::Actions,
        ["board"] => Page::Board,
        _ => Page::NotFound,
    };
    // A pillar page of a checklist is the old page's `pillar-N` anchor.
    let anchor = match page {
        Page::SelfAssessment(Step::Pillar(id)) | Page::Progress(Step::Pillar(id))
            if anchor.as_deref() == Some(&format!("pillar-{id}")) =>
        {
            None
        }
        _ => anchor,
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

/// The pages before and after a checklist page: its pillars in order, then
/// check-your-answers. The focus view stands alone.
pub fn checklist_neighbours(fw: &Framework, page: Page) -> (Option<Page>, Option<Page>) {
    let (make, step): (fn(Step) -> Page, Step) = match page {
        Page::SelfAssessment(step) => (Page::SelfAssessment, step),
        Page::Progress(step) => (Page::Progress, step),
        _ => return (None, None),
    };
    let last = fw.pillars.last().map(|p| p.id);
    match step {
        Step::Pillar(id) => {
            let (previous, next) = neighbours(fw, id);
            (
                previous.map(|p| make(Step::Pillar(p))),
                Some(next.map_or(make(Step::Check), |n| make(Step::Pillar(n)))),
            )
        }
        Step::Check => (last.map(|p| make(Step::Pillar(p))), None),
        Step::Focus => (None, None),
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

/// The pillar an element id ("3.2") belongs to.
pub fn pillar_of(element_id: &str) -> u8 {
    element_id
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// Where an element is rated on the self-assessment checklist.
pub fn rate_link(element_id: &str) -> String {
    let page = Page::SelfAssessment(Step::Pillar(pillar_of(element_id)));
    Location::at(page, format!("rate-{}", dom_id(element_id))).href()
}

/// Where a recommendation's progress is recorded.
pub fn progress_link(element_id: &str) -> String {
    let page = Page::Progress(Step::Pillar(pillar_of(element_id)));
    Location::at(page, format!("progress-{}", dom_id(element_id))).href()
}

#[cfg(test)]
mod menu_tests {
    use super::*;

    #[test]
    fn the_menu_follows_the_journey_and_marks_where_you_are() {
        let labels: Vec<&str> = Page::MENU.iter().map(|(l, _)| *l).collect();
        assert_eq!(
            labels,
            [
                "Framework",
                "Your tasks",
                "Summary",
                "Action tracker",
                "Board report",
                "Share",
                "Your assessments"
            ]
        );
        assert_eq!(Page::RATE.menu_entry(), Some(Page::Tasks));
        assert_eq!(Page::Progress(Step::Check).menu_entry(), Some(Page::Tasks));
        assert_eq!(Page::Pillar(3).menu_entry(), Some(Page::Overview));
        assert_eq!(Page::Actions.menu_entry(), Some(Page::Actions));
        for page in Page::KINDS {
            if let Some(entry) = page.menu_entry() {
                assert!(Page::MENU.iter().any(|(_, p)| *p == entry), "{page:?}");
            }
        }
    }
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
    fn each_checklist_pillar_and_the_check_pages_have_addresses() {
        let fw = framework();
        for p in &fw.pillars {
            for page in [
                Page::SelfAssessment(Step::Pillar(p.id)),
                Page::Progress(Step::Pillar(p.id)),
            ] {
                assert_eq!(parse(&page.href()).unwrap().page, page);
                assert!(page.title(fw).contains(&p.title), "{page:?}");
            }
        }
        for page in [
            Page::SelfAssessment(Step::Check),
            Page::Progress(Step::Check),
            Page::Progress(Step::Focus),
        ] {
            assert_eq!(parse(&page.href()).unwrap().page, page);
        }
        for hash in [
            "#/self-assessment/7",
            "#/self-assessment/0",
            "#/self-assessment/focus",
            "#/progress/02",
            "#/progress/1/2",
        ] {
            assert_eq!(parse(hash).unwrap().page, Page::NotFound, "{hash}");
        }
        assert_eq!(
            Page::SelfAssessment(Step::Pillar(2)).title(fw),
            "We have a strong knowledge base – Self-assessment, pillar 2 of 6 – LGBTQ+ Inclusion Framework"
        );
    }

    #[test]
    fn the_old_one_page_addresses_land_on_the_right_pillar() {
        let at = |h: &str| parse(h).unwrap();
        assert_eq!(at("#/self-assessment"), Location::page(Page::RATE));
        assert_eq!(at("#/progress"), Location::page(Page::RECORD));
        assert_eq!(
            at("#/self-assessment?to=rate-4-2"),
            Location::at(Page::SelfAssessment(Step::Pillar(4)), "rate-4-2")
        );
        assert_eq!(
            at("#/progress?to=progress-6-1"),
            Location::at(Page::Progress(Step::Pillar(6)), "progress-6-1")
        );
        assert_eq!(
            at("#/progress?to=pillar-5"),
            Location::page(Page::Progress(Step::Pillar(5)))
        );
        assert_eq!(
            at("#/self-assessment?to=rate-9-1"),
            Location::at(Page::RATE, "rate-9-1")
        );
        assert_eq!(rate_link("4.2"), "#/self-assessment/4?to=rate-4-2");
        assert_eq!(progress_link("6.1"), "#/progress/6?to=progress-6-1");
    }

    #[test]
    fn the_checklists_run_through_the_pillars_to_check_your_answers() {
        let fw = framework();
        let rate = |id| Page::SelfAssessment(Step::Pillar(id));
        assert_eq!(checklist_neighbours(fw, rate(1)), (None, Some(rate(2))));
        assert_eq!(
            checklist_neighbours(fw, rate(6)),
            (Some(rate(5)), Some(Page::SelfAssessment(Step::Check)))
        );
        assert_eq!(
            checklist_neighbours(fw, Page::Progress(Step::Check)),
            (Some(Page::Progress(Step::Pillar(6))), None)
        );
        assert_eq!(
            checklist_neighbours(fw, Page::Progress(Step::Focus)),
            (None, None)
        );
        assert_eq!(checklist_neighbours(fw, Page::Summary), (None, None));
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
