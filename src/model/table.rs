//! The assessment as rows: the publication's progress checklist layout (plus
//! our action-plan columns) and the self-assessment, for CSV and .xlsx.

use super::assessment::Assessment;
use super::date::Date;
use super::summary::is_overdue;
use crate::content::Framework;
use crate::markup::plain_text;

pub const PROGRESS_HEADER: [&str; 8] = [
    "Pillar",
    "Recommendation",
    "Progress",
    "Action to date",
    "Next steps",
    "Owner",
    "Target date",
    "Overdue",
];

pub const SELF_ASSESSMENT_HEADER: [&str; 5] = [
    "Pillar",
    "Element",
    "Statement",
    "Rating",
    "What tells us this",
];

/// "About" as the exports write it: `about`, then the assessment's id and
/// export check, so an edited copy can be imported as a colleague's.
fn about_for_file(a: &Assessment) -> Vec<[String; 2]> {
    let mut rows = about(a);
    rows.extend(super::sheet::file_rows(a));
    rows
}

/// About the assessment: label and value pairs heading each sheet.
pub fn about(a: &Assessment) -> Vec<[String; 2]> {
    let p = &a.profile;
    vec![
        ["Assessment".into(), a.name.value.clone()],
        ["Organisation".into(), p.organisation.value.clone()],
        [
            "Type of organisation".into(),
            p.org_type
                .value
                .map(|t| t.label().to_string())
                .unwrap_or_default(),
        ],
        ["Completed by".into(), p.completed_by.value.clone()],
        ["Date of assessment".into(), p.assessed_on.value.clone()],
    ]
}

fn pillar_label(id: u8, title: &str) -> String {
    format!("{id}. {title}")
}

pub fn progress_rows(fw: &Framework, a: &Assessment, today: Date) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &fw.pillars {
        for e in &p.elements {
            let answer = a.answer(&e.id);
            rows.push(vec![
                pillar_label(p.id, &p.title),
                format!("{} {}", e.id, plain_text(&e.progress)),
                answer.progress.value.label().to_string(),
                answer.action_to_date.value.clone(),
                answer.next_steps.value.clone(),
                answer.owner.value.clone(),
                answer.target_date.value.clone(),
                if is_overdue(&answer, today) {
                    "Overdue"
                } else {
                    ""
                }
                .to_string(),
            ]);
        }
    }
    rows
}

pub fn self_assessment_rows(fw: &Framework, a: &Assessment) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &fw.pillars {
        for e in &p.elements {
            let answer = a.answer(&e.id);
            rows.push(vec![
                pillar_label(p.id, &p.title),
                e.id.clone(),
                plain_text(&e.self_assessment),
                answer.rating.value.label().to_string(),
                answer.note.value.clone(),
            ]);
        }
    }
    rows
}

/// The workbook: the progress checklist laid out as the publication's Excel
/// copy (plus our action-plan columns), then the self-assessment.
pub fn to_xlsx(fw: &Framework, a: &Assessment, today: Date) -> Vec<u8> {
    use super::xlsx::{workbook, Sheet};
    let with_about = |header: &[&str], body: Vec<Vec<String>>| {
        let mut rows: Vec<Vec<String>> = about_for_file(a)
            .into_iter()
            .map(|pair| pair.to_vec())
            .collect();
        rows.push(Vec::new());
        rows.push(header.iter().map(|h| h.to_string()).collect());
        rows.extend(body);
        rows
    };
    let header_row = about_for_file(a).len() + 1;
    // The id and export check: the last About rows, kept to one line each.
    let file_rows: Vec<usize> = (about(a).len()..header_row - 1).collect();
    workbook(&[
        Sheet {
            name: "Progress checklist".into(),
            widths: vec![30.0, 60.0, 20.0, 50.0, 40.0, 22.0, 14.0, 10.0],
            bold_rows: (0..header_row).chain([header_row]).collect(),
            nowrap_rows: file_rows.clone(),
            rows: with_about(&PROGRESS_HEADER, progress_rows(fw, a, today)),
        },
        Sheet {
            name: "Self-assessment".into(),
            widths: vec![30.0, 9.0, 60.0, 18.0, 50.0],
            bold_rows: (0..header_row).chain([header_row]).collect(),
            nowrap_rows: file_rows,
            rows: with_about(&SELF_ASSESSMENT_HEADER, self_assessment_rows(fw, a)),
        },
    ])
}

/// One CSV of everything, one row per element. Cells that a spreadsheet
/// would run as a formula are prefixed with an apostrophe.
pub fn to_csv(fw: &Framework, a: &Assessment, today: Date) -> String {
    let header = [
        "Pillar",
        "Element",
        "Self-assessment statement",
        "Rating",
        "What tells us this",
        "Recommendation",
        "Progress",
        "Action to date",
        "Next steps",
        "Owner",
        "Target date",
        "Overdue",
    ];
    let mut out = String::new();
    for [label, value] in about_for_file(a) {
        push_row(&mut out, &[label, value]);
    }
    out.push_str("\r\n");
    push_row(&mut out, &header.map(String::from));
    let progress = progress_rows(fw, a, today);
    for (sa, pr) in self_assessment_rows(fw, a).into_iter().zip(progress) {
        let mut row = sa;
        row.extend(pr.into_iter().skip(1));
        push_row(&mut out, &row);
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell and defuses formula injection (=, +, -, @, tab, CR).
pub fn csv_cell(value: &str) -> String {
    let defused = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;
    use crate::model::Stamp;
    use crate::model::{Edit, Progress, Rating};

    fn sample() -> Assessment {
        let mut a = Assessment::new("a", "Main site", &Stamp::test(1));
        a.apply(
            Edit::Organisation("Northshire, NHS".into()),
            &Stamp::test(2),
        );
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::test(3));
        a.apply(
            Edit::Note("1.1".into(), "Said \"yes\"\nat board".into()),
            &Stamp::test(4),
        );
        a.apply(
            Edit::Progress("1.1".into(), Progress::Moderate),
            &Stamp::test(5),
        );
        a.apply(
            Edit::TargetDate("1.1".into(), "2020-01-01".into()),
            &Stamp::test(6),
        );
        a.apply(
            Edit::ActionToDate("1.2".into(), "=HYPERLINK(\"http://x\")".into()),
            &Stamp::test(7),
        );
        a
    }

    #[test]
    fn progress_rows_follow_the_publications_checklist() {
        let today = Date::parse("2027-01-01").unwrap();
        let rows = progress_rows(framework(), &sample(), today);
        assert_eq!(rows.len(), 17);
        assert_eq!(
            rows[0][0],
            "1. We have visible leadership and confident staff"
        );
        assert!(rows[0][1].starts_with("1.1 LGBTQ+ leaders should aim to be visible"));
        assert_eq!(rows[0][2], "Moderate progress");
        assert_eq!(rows[0][7], "Overdue");
        assert_eq!(rows[1][2], "Not yet recorded");
        assert_eq!(rows[1][7], "");
        let sa = self_assessment_rows(framework(), &sample());
        assert_eq!(sa[0][3], "In place");
        assert_eq!(sa[16][1], "6.2");
    }

    #[test]
    fn csv_quotes_and_defuses() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-2"), "'-2");
        let csv = to_csv(framework(), &sample(), Date::parse("2027-01-01").unwrap());
        assert!(csv.starts_with("Assessment,Main site\r\nOrganisation,\"Northshire, NHS\"\r\n"));
        assert!(csv.contains("\"Said \"\"yes\"\"\nat board\""));
        assert!(csv.contains("'=HYPERLINK"));
        assert_eq!(csv.matches("\r\n").count(), 7 + 1 + 1 + 17);
    }
}
