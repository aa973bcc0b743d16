//! Many organisations at once: each exported assessment becomes a row of the
//! 16+1 elements' ratings, read-only, to filter, sort, count and export.

use super::answer::Rating;
use super::assessment::OrgType;
use super::exchange::ExportFile;
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
    /// In framework element order.
    pub ratings: Vec<Rating>,
    /// The assessment's id: the same in every copy of its file.
    pub id: String,
    /// How many edits the copy has seen: a later copy has seen more.
    pub edits_seen: u64,
    /// When its file was exported, by the exporting machine's clock.
    pub exported_at: i64,
}

impl OrgRow {
    /// The organisation's name, or the assessment's when none is given.
    pub fn label(&self) -> &str {
        if self.organisation.trim().is_empty() {
            &self.assessment
        } else {
            &self.organisation
        }
    }
}

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
                .map(move |(i, a)| OrgRow {
                    key: format!("{f}/{i}"),
                    file: file.clone(),
                    organisation: a.profile.organisation.value.clone(),
                    assessment: a.name.value.clone(),
                    org_type: a.profile.org_type.value,
                    assessed_on: a.profile.assessed_on.value.clone(),
                    ratings: ids.iter().map(|id| a.rating(id)).collect(),
                    id: a.id.clone(),
                    edits_seen: a.edits_seen(),
                    exported_at: export.exported_at,
                })
        })
        .collect()
}

/// A copy left out because another copy of the same assessment was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub label: String,
    pub kept_file: String,
    pub dropped_file: String,
}

/// The rule `dedupe` follows, in words, for the note beside the table.
pub const DUPLICATE_RULE: &str = "The same assessment opened more than once (the same assessment in two files, even if renamed) counts once. We keep the copy that has seen the most edits; if two copies have seen as many, the one exported last.";

/// One row per assessment id: of several copies, the one that has seen the
/// most edits is kept (edits only grow, so that is the latest copy, whatever
/// any machine's clock says); equal counts fall back to the later export,
/// then the file name, so the choice never depends on the order opened.
/// The rows keep the order of their first copy.
pub fn dedupe(rows: &[OrgRow]) -> (Vec<OrgRow>, Vec<Duplicate>) {
    let newer = |a: &OrgRow, b: &OrgRow| {
        (a.edits_seen, a.exported_at, std::cmp::Reverse(&a.file))
            > (b.edits_seen, b.exported_at, std::cmp::Reverse(&b.file))
    };
    let mut kept: Vec<OrgRow> = Vec::new();
    let mut dropped: Vec<Duplicate> = Vec::new();
    for row in rows {
        match kept.iter_mut().find(|k| k.id == row.id) {
            None => kept.push(row.clone()),
            Some(existing) => {
                let (keep, drop) = if newer(row, existing) {
                    (row.clone(), existing.clone())
                } else {
                    (existing.clone(), row.clone())
                };
                dropped.push(Duplicate {
                    label: keep.label().to_string(),
                    kept_file: keep.file.clone(),
                    dropped_file: drop.file.clone(),
                });
                let key = existing.key.clone();
                *existing = OrgRow { key, ..keep };
            }
        }
    }
    (kept, dropped)
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
    lines.sort_by(|a, b| match (a.score, b.score) {
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
    shown.sort_by(|a, b| match sort {
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
        line.extend(r.ratings.iter().map(|x| x.label().to_string()));
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
    fn the_same_assessment_twice_counts_once_keeping_the_copy_with_more_edits() {
        let fw = framework();
        let old = assessment("Northshire Trust", None, &[("1.1", Rating::NotInPlace)]);
        let mut new = old.clone();
        new.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(9));
        // The newer copy was exported by a machine whose clock is behind.
        let f = |name: &str, a: &Assessment, at: i64| {
            let text = export(std::slice::from_ref(a), "test", at);
            (name.to_string(), parse_import(text.as_bytes(), fw).unwrap())
        };
        let other = file("Moor Care", None, &[]);
        for files in [
            vec![
                f("old.json", &old, 100),
                other.clone(),
                f("new.json", &new, 50),
            ],
            vec![
                f("new.json", &new, 50),
                f("old.json", &old, 100),
                other.clone(),
            ],
        ] {
            let (kept, dropped) = dedupe(&rows(fw, &files));
            assert_eq!(kept.len(), 2);
            let trust = kept.iter().find(|r| r.id == "id-Northshire Trust").unwrap();
            assert_eq!(trust.file, "new.json");
            assert_eq!(trust.ratings[0], Rating::InPlace);
            assert_eq!(dropped.len(), 1);
            assert_eq!(dropped[0].dropped_file, "old.json");
            let keys: std::collections::BTreeSet<_> = kept.iter().map(|r| &r.key).collect();
            assert_eq!(keys.len(), 2, "keys stay unique");
        }
        // Identical copies: the later export, whatever the order opened.
        let (kept, _) = dedupe(&rows(fw, &[f("a.json", &old, 1), f("b.json", &old, 2)]));
        assert_eq!(kept[0].file, "b.json");
        let (kept, _) = dedupe(&rows(fw, &[f("b.json", &old, 2), f("a.json", &old, 1)]));
        assert_eq!(kept[0].file, "b.json");
    }
}
