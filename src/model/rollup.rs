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
                })
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
    use super::*;
    use crate::content::framework;
    use crate::model::Stamp;
    use crate::model::{export, parse_import, Assessment, Edit};

    fn file(org: &str, kind: Option<OrgType>, ratings: &[(&str, Rating)]) -> (String, ExportFile) {
        let mut a = Assessment::new(format!("id-{org}"), "Assessment", &Stamp::test(1));
        a.apply(Edit::Organisation(org.into()), &Stamp::test(2));
        a.apply(Edit::OrgType(kind), &Stamp::test(3));
        for (id, r) in ratings {
            a.apply(Edit::Rating(id.to_string(), *r), &Stamp::test(4));
        }
        let text = export(&[a], "test", 5);
        (
            format!("{org}.json"),
            parse_import(text.as_bytes(), framework()).unwrap(),
        )
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
}
