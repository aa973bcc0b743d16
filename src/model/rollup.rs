//! Many organisations at once: each exported assessment becomes a row of the
//! 16+1 elements' ratings, read-only, to filter, sort, count and export.

use super::answer::Rating;
use super::assessment::Assessment;
use super::exchange::ExportFile;
use super::field::{Field, FieldValue};
use super::profile::OrgType;
use crate::content::Framework;
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRow {
    /// Unique among the rows: the file and the assessment's place in it.
    pub key: String,
    /// The file it came from, to tell rows apart and report problems.
    pub file: String,
    pub organisation: String,
    pub assessment: String,
    pub org_type: Option<OrgType>,
    pub assessed_on: String,
    /// In framework element order; a rating with two versions is
    /// `NotAssessed` here (not settled), and listed in `unsettled`.
    pub ratings: Vec<Rating>,
    /// Elements (by index) whose rating holds two or more versions, and
    /// what they are, for the cell to say so.
    pub unsettled: Vec<(usize, Vec<Rating>)>,
    /// The assessment's id: the same in every copy of its file.
    pub id: String,
}

impl OrgRow {
    /// The versions of element `i`'s rating, when it holds two or more.
    pub fn versions_of(&self, i: usize) -> Option<&[Rating]> {
        self.unsettled
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, v)| v.as_slice())
    }

    /// Element `i`'s rating in words, as a table or file shows it.
    pub fn rating_words(&self, i: usize) -> String {
        match self.versions_of(i) {
            Some(versions) => format!(
                "Two versions: {}",
                versions
                    .iter()
                    .map(|r| r.label())
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
            None => self
                .ratings
                .get(i)
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
        }
    }

    /// The organisation's name, or the assessment's when none is given.
    pub fn label(&self) -> &str {
        if self.organisation.trim().is_empty() {
            &self.assessment
        } else {
            &self.organisation
        }
    }
}

/// One row per copy, as opened (see `dedupe` for one per assessment).
pub fn rows(fw: &Framework, files: &[(String, ExportFile)]) -> Vec<OrgRow> {
    let ids: Vec<&str> = fw.elements().map(|e| e.id.as_str()).collect();
    files
        .iter()
        .enumerate()
        .flat_map(|(f, (file, export))| {
            let ids = &ids;
            export
                .assessments
                .iter()
                .enumerate()
                .map(move |(i, a)| row_of(ids, format!("{f}/{i}"), file.clone(), a))
        })
        .collect()
}

fn row_of(ids: &[&str], key: String, file: String, a: &Assessment) -> OrgRow {
    let mut unsettled = Vec::new();
    let ratings = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let versions: Vec<Rating> = Field::Rating(id.to_string())
                .values(a)
                .into_iter()
                .filter_map(|v| match v.value {
                    FieldValue::Rating(r) => Some(r),
                    _ => None,
                })
                .collect();
            if versions.len() > 1 {
                unsettled.push((i, versions));
                Rating::NotAssessed
            } else {
                a.rating(id)
            }
        })
        .collect();
    OrgRow {
        key,
        file,
        organisation: a.profile.organisation.value.clone(),
        assessment: a.name.value.clone(),
        org_type: a.profile.org_type.value,
        assessed_on: a.profile.assessed_on.value.clone(),
        ratings,
        unsettled,
        id: a.id.clone(),
    }
}

/// Copies of one assessment, opened from several files, merged into one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub label: String,
    /// Every file a copy came from, in the order opened.
    pub files: Vec<String>,
}

/// The rule `dedupe` follows, in words, for the note beside the table.
pub const DUPLICATE_RULE: &str = "The same assessment opened more than once (the same assessment in several files, even if renamed) is shown once, with every copy’s changes merged, as the app merges a colleague’s file. Where copies changed a rating in different ways, its cell says “Two versions” and it counts as not yet assessed until someone chooses one in the app.";

/// One row per assessment id: copies of the same assessment (however many
/// files, in whatever order opened) are merged as the app merges files, so
/// no copy's edits are dropped. A rating the copies changed concurrently
/// is not settled by any order or clock: the row marks it unsettled and
/// counts it as not assessed. The rows keep the order of their first copy.
pub fn dedupe(fw: &Framework, files: &[(String, ExportFile)]) -> (Vec<OrgRow>, Vec<Duplicate>) {
    let mut groups: Vec<(String, Vec<String>, Assessment)> = Vec::new();
    for (f, (file, export)) in files.iter().enumerate() {
        for (i, a) in export.assessments.iter().enumerate() {
            match groups.iter_mut().find(|g| g.2.id == a.id) {
                Some(group) => {
                    group.1.push(file.clone());
                    group.2.merge_from(a);
                }
                None => groups.push((format!("{f}/{i}"), vec![file.clone()], a.clone())),
            }
        }
    }
    let ids: Vec<&str> = fw.elements().map(|e| e.id.as_str()).collect();
    let mut duplicates = Vec::new();
    let rows = groups
        .into_iter()
        .map(|(key, files, a)| {
            let row = row_of(&ids, key, files.join(", "), &a);
            if files.len() > 1 {
                duplicates.push(Duplicate {
                    label: row.label().to_string(),
                    files,
                });
            }
            row
        })
        .collect();
    (rows, duplicates)
}

/// One element across the organisations shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementLine {
    /// Index in framework order, and id ("1.1").
    pub index: usize,
    pub element: String,
    /// In `Rating::ALL` order: in place, work in progress, not in place,
    /// not assessed.
    pub counts: [usize; 4],
    /// 0 (all in place) to 2 (none), over the organisations that assessed
    /// it; `None` when none did.
    pub score: Option<f64>,
}

/// The rule `weakest_first` follows, in words, for the page.
pub const WEAKEST_RULE: &str = "Weakest first: each organisation’s rating scores 0 for In place, 1 for Work in progress and 2 for Not in place, and an element’s score is the average over the organisations that assessed it. Ties go to the element with more organisations not in place, then to framework order. Elements no organisation has assessed come last.";

/// Each element's counts across `rows`, weakest first (see `WEAKEST_RULE`).
pub fn weakest_first(fw: &Framework, rows: &[OrgRow]) -> Vec<ElementLine> {
    let ids: Vec<String> = fw.elements().map(|e| e.id.clone()).collect();
    let mut lines: Vec<ElementLine> = element_counts(rows, ids.len())
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(index, (counts, element))| {
            let assessed = counts[0] + counts[1] + counts[2];
            let score =
                (assessed > 0).then(|| (counts[1] + 2 * counts[2]) as f64 / assessed as f64);
            ElementLine {
                index,
                element,
                counts,
                score,
            }
        })
        .collect();
    super::order::sort_by(&mut lines, |a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y
            .total_cmp(&x)
            .then(b.counts[2].cmp(&a.counts[2]))
            .then(a.index.cmp(&b.index)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.index.cmp(&b.index),
    });
    lines
}

/// Per pillar, how many ratings across all its elements and `rows` are at
/// each level (`Rating::ALL` order), out of `total`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PillarLine {
    pub pillar: u8,
    pub counts: [usize; 4],
    pub total: usize,
}

pub fn pillar_rollup(fw: &Framework, rows: &[OrgRow]) -> Vec<PillarLine> {
    let per_element = element_counts(rows, fw.elements().count());
    let mut index = 0;
    fw.pillars
        .iter()
        .map(|p| {
            let mut counts = [0; 4];
            for _ in &p.elements {
                if let Some(c) = per_element.get(index) {
                    for (slot, n) in counts.iter_mut().zip(c) {
                        *slot += n;
                    }
                }
                index += 1;
            }
            PillarLine {
                pillar: p.id,
                counts,
                total: p.elements.len() * rows.len(),
            }
        })
        .collect()
}

/// How a roll-up is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    /// By an element's rating, furthest along first (index in framework order).
    Element(usize),
}

fn rank(r: Rating) -> u8 {
    match r {
        Rating::InPlace => 0,
        Rating::WorkInProgress => 1,
        Rating::NotInPlace => 2,
        Rating::NotAssessed => 3,
    }
}

/// The rows to show: filtered by type (None: all), then sorted. Names sort
/// case-insensitively; ties fall back to name, then file.
pub fn view(rows: &[OrgRow], org_type: Option<OrgType>, sort: SortBy) -> Vec<OrgRow> {
    let mut shown: Vec<OrgRow> = rows
        .iter()
        .filter(|r| org_type.is_none() || r.org_type == org_type)
        .cloned()
        .collect();
    let by_name = |a: &OrgRow, b: &OrgRow| {
        a.label()
            .to_lowercase()
            .cmp(&b.label().to_lowercase())
            .then_with(|| a.file.cmp(&b.file))
    };
    super::order::sort_by(&mut shown, |a, b| match sort {
        SortBy::Name => by_name(a, b),
        SortBy::Element(i) => match (a.ratings.get(i), b.ratings.get(i)) {
            (Some(x), Some(y)) => rank(*x).cmp(&rank(*y)).then_with(|| by_name(a, b)),
            _ => Ordering::Equal,
        },
    });
    shown
}

/// Per element, how many rows have each rating (in `Rating::ALL` order).
pub fn element_counts(rows: &[OrgRow], elements: usize) -> Vec<[usize; 4]> {
    (0..elements)
        .map(|i| {
            let mut counts = [0; 4];
            for row in rows {
                if let Some(r) = row.ratings.get(i) {
                    let slot = Rating::ALL.iter().position(|x| x == r).unwrap_or(3);
                    counts[slot] += 1;
                }
            }
            counts
        })
        .collect()
}

/// Which way the organisations-by-element table runs, unless the person
/// chooses: organisations across the top when there are fewer of them than
/// elements (a typical regional set then fits the screen and the page),
/// otherwise one organisation per row.
pub fn organisations_across(organisations: usize, elements: usize) -> bool {
    organisations < elements
}

/// The table as text rows: header, organisations, then counts.
pub fn table(fw: &Framework, rows: &[OrgRow]) -> Vec<Vec<String>> {
    let ids: Vec<String> = fw.elements().map(|e| e.id.clone()).collect();
    let mut out = Vec::new();
    let mut header = vec![
        "Organisation".to_string(),
        "Type".into(),
        "Assessment".into(),
        "Date".into(),
    ];
    header.extend(ids.iter().cloned());
    out.push(header);
    for r in rows {
        let mut line = vec![
            r.label().to_string(),
            r.org_type
                .map(|t| t.label().to_string())
                .unwrap_or_default(),
            r.assessment.clone(),
            r.assessed_on.clone(),
        ];
        line.extend((0..r.ratings.len()).map(|i| r.rating_words(i)));
        out.push(line);
    }
    for (i, rating) in Rating::ALL.iter().enumerate() {
        let mut line = vec![
            format!("Number {}", rating.label().to_lowercase()),
            String::new(),
            String::new(),
            String::new(),
        ];
        line.extend(
            element_counts(rows, ids.len())
                .iter()
                .map(|c| c[i].to_string()),
        );
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn fewer_organisations_than_elements_go_across_the_top() {
        assert!(super::organisations_across(6, 17));
        assert!(super::organisations_across(16, 17));
        assert!(!super::organisations_across(17, 17));
        assert!(!super::organisations_across(200, 17));
    }

    use super::*;
    use crate::content::framework;
    use crate::model::Stamp;
    use crate::model::{export, parse_import, Assessment, Edit};

    fn file(org: &str, kind: Option<OrgType>, ratings: &[(&str, Rating)]) -> (String, ExportFile) {
        let a = assessment(org, kind, ratings);
        let text = export(&[a], "test", 5);
        (
            format!("{org}.json"),
            parse_import(text.as_bytes(), framework()).unwrap(),
        )
    }

    fn assessment(org: &str, kind: Option<OrgType>, ratings: &[(&str, Rating)]) -> Assessment {
        let mut a = Assessment::new(format!("id-{org}"), "Assessment", &Stamp::at(1));
        a.apply(Edit::Organisation(org.into()), &Stamp::at(2));
        a.apply(Edit::OrgType(kind), &Stamp::at(3));
        for (id, r) in ratings {
            a.apply(Edit::Rating(id.to_string(), *r), &Stamp::at(4));
        }
        a
    }

    fn sample() -> Vec<OrgRow> {
        rows(
            framework(),
            &[
                file(
                    "Northshire Trust",
                    Some(OrgType::AcuteTrust),
                    &[("1.1", Rating::NotInPlace)],
                ),
                file(
                    "alder ICB",
                    Some(OrgType::IntegratedCareBoard),
                    &[("1.1", Rating::InPlace), ("1.2", Rating::WorkInProgress)],
                ),
                file(
                    "Moor Care",
                    Some(OrgType::AcuteTrust),
                    &[("1.1", Rating::WorkInProgress)],
                ),
            ],
        )
    }

    #[test]
    fn each_file_is_a_row_of_seventeen_ratings() {
        let rows = sample();
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| r.ratings.len() == 17));
        assert_eq!(rows[1].ratings[1], Rating::WorkInProgress);
    }

    #[test]
    fn filter_and_sort() {
        let rows = sample();
        let names = |v: Vec<OrgRow>| v.iter().map(|r| r.label().to_string()).collect::<Vec<_>>();
        assert_eq!(
            names(view(&rows, None, SortBy::Name)),
            ["alder ICB", "Moor Care", "Northshire Trust"]
        );
        assert_eq!(
            names(view(&rows, Some(OrgType::AcuteTrust), SortBy::Name)),
            ["Moor Care", "Northshire Trust"]
        );
        assert_eq!(
            names(view(&rows, None, SortBy::Element(0))),
            ["alder ICB", "Moor Care", "Northshire Trust"]
        );
        assert_eq!(
            names(view(&rows, None, SortBy::Element(1))),
            ["alder ICB", "Moor Care", "Northshire Trust"]
        );
        assert!(view(&rows, Some(OrgType::Ambulance), SortBy::Name).is_empty());
    }

    #[test]
    fn counts_per_element() {
        let counts = element_counts(&sample(), 17);
        assert_eq!(counts[0], [1, 1, 1, 0]);
        assert_eq!(counts[1], [0, 1, 0, 2]);
        assert_eq!(counts[16], [0, 0, 0, 3]);
        let t = table(framework(), &sample());
        assert_eq!(t.len(), 1 + 3 + 4);
        assert_eq!(t[0][4], "1.1");
        assert_eq!(t[4][0], "Number in place");
        assert_eq!(t[4][4], "1");
    }

    #[test]
    fn the_weakest_element_comes_first_and_unassessed_ones_last() {
        let lines = weakest_first(framework(), &sample());
        // 1.1: in place, in progress, not in place (score 1); 1.2: one in
        // progress (score 1, but no "not in place"); the rest: none assessed.
        assert_eq!(lines[0].element, "1.1");
        assert_eq!(lines[0].counts, [1, 1, 1, 0]);
        assert_eq!(lines[1].element, "1.2");
        assert_eq!(lines[2].element, "1.3");
        assert_eq!(lines[2].score, None);
        assert_eq!(lines.len(), 17);
        let pillars = pillar_rollup(framework(), &sample());
        assert_eq!(pillars[0].counts, [1, 2, 1, 8]);
        assert_eq!(pillars[0].total, 12);
        assert!(pillars
            .iter()
            .all(|p| p.counts.iter().sum::<usize>() == p.total));
    }

    #[test]
    fn copies_of_one_assessment_are_merged_in_any_order_and_concurrent_ratings_say_so() {
        let fw = framework();
        let old = assessment("Northshire Trust", None, &[("1.1", Rating::NotInPlace)]);
        // Two colleagues' copies of the same file: one rates 1.2, the other
        // 1.3, and both change 1.1 differently.
        let mut lead = old.merged(&old);
        lead.apply(Edit::Rating("1.2".into(), Rating::InPlace), &Stamp::at(9));
        lead.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(9));
        let mut chair = old.merged(&old);
        chair.apply(
            Edit::Rating("1.3".into(), Rating::WorkInProgress),
            &Stamp::at(5),
        );
        chair.apply(
            Edit::Rating("1.1".into(), Rating::WorkInProgress),
            &Stamp::at(5),
        );
        let f = |name: &str, a: &Assessment, at: i64| {
            let text = export(std::slice::from_ref(a), "test", at);
            (name.to_string(), parse_import(text.as_bytes(), fw).unwrap())
        };
        let other = file("Moor Care", None, &[]);
        let orders = [
            vec![
                f("old.json", &old, 100),
                other.clone(),
                f("lead.json", &lead, 50),
                f("chair.json", &chair, 70),
            ],
            vec![
                f("chair.json", &chair, 70),
                f("lead.json", &lead, 50),
                f("old.json", &old, 100),
                other.clone(),
            ],
        ];
        let mut seen = Vec::new();
        for files in &orders {
            let (kept, merged) = dedupe(fw, files);
            assert_eq!(kept.len(), 2);
            let trust = kept.iter().find(|r| r.id == "id-Northshire Trust").unwrap();
            assert_eq!(trust.ratings[1], Rating::InPlace, "the lead's edit is kept");
            assert_eq!(trust.ratings[2], Rating::WorkInProgress, "and the chair's");
            let mut both = trust.versions_of(0).unwrap().to_vec();
            crate::model::order::sort_by_key(&mut both, |r| r.key());
            assert_eq!(
                both,
                [Rating::InPlace, Rating::WorkInProgress],
                "neither picked"
            );
            assert_eq!(
                trust.ratings[0],
                Rating::NotAssessed,
                "counted as not settled"
            );
            assert!(trust.rating_words(0).starts_with("Two versions: "));
            assert_eq!(merged.len(), 1);
            assert_eq!(merged[0].files.len(), 3);
            let keys: std::collections::BTreeSet<_> = kept.iter().map(|r| &r.key).collect();
            assert_eq!(keys.len(), 2, "keys stay unique");
            seen.push((trust.ratings.clone(), trust.unsettled.len()));
        }
        assert_eq!(seen[0], seen[1], "the order opened changes nothing");
        // One copy that has seen the other's edits: nothing unsettled.
        let later = lead.merged(&chair);
        let mut settled = later.clone();
        settled.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(20));
        let (kept, _) = dedupe(
            fw,
            &[f("chair.json", &chair, 1), f("settled.json", &settled, 2)],
        );
        assert!(kept[0].unsettled.is_empty());
        assert_eq!(kept[0].ratings[0], Rating::InPlace);
        let csv = table(fw, &dedupe(fw, &orders[0]).0);
        assert!(
            csv[1].iter().any(|c| c.starts_with("Two versions: ")),
            "the file says so too"
        );
    }
}
