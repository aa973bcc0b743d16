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

/// "About" as the exports write it: `about`, then the assessment's id and
/// export check, so an edited copy can be imported as a colleague's.
fn about_for_file(a: &Assessment) -> Vec<[String; 2]> {
    let mut rows = about(a);
    rows.extend(super::sheet::file_rows(a));
    rows
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
/// copy (plus our action-plan columns), then the self-assessment, then a
/// summary per pillar. Sheet names, headers and columns are what importers
/// read: the first two sheets keep them. Ratings and progress carry their
/// traffic-light fill and a drop-down of the allowed words, the header row
/// stays in view, and dates are dates.
pub fn to_xlsx(fw: &Framework, a: &Assessment, today: Date) -> Vec<u8> {
    use super::answer::{Progress, Rating};
    use super::summary::{focus_order, summarise};
    use super::xlsx::{workbook, DropDown, Sheet};
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
    let elements = fw.elements().count();
    let list = |column: usize, options: Vec<String>| DropDown {
        column,
        first_row: header_row + 1,
        last_row: header_row + elements,
        options,
    };
    let summaries = summarise(fw, a, Some(today));
    let order = focus_order(&summaries);
    let mut summary_header: Vec<String> = vec!["Pillar".into()];
    summary_header.extend(Rating::ALL.iter().map(|r| r.label().to_string()));
    summary_header.extend(Progress::ALL.iter().map(|p| p.label().to_string()));
    summary_header.extend(["Overdue actions".to_string(), "Focus order".to_string()]);
    let mut summary_rows = vec![summary_header];
    for s in &summaries {
        let title = fw
            .pillar(s.pillar)
            .map(|p| p.title.as_str())
            .unwrap_or_default();
        let mut row = vec![pillar_label(s.pillar, title)];
        row.extend(Rating::ALL.iter().map(|r| s.count(*r).to_string()));
        row.extend(
            Progress::ALL
                .iter()
                .map(|p| s.progress_count(*p).to_string()),
        );
        row.push(s.overdue.to_string());
        let rank = order.iter().position(|id| *id == s.pillar).map(|i| i + 1);
        row.push(rank.map(|r| r.to_string()).unwrap_or_default());
        summary_rows.push(row);
    }
    workbook(&[
        Sheet {
            name: "Progress checklist".into(),
            widths: vec![30.0, 60.0, 20.0, 50.0, 40.0, 22.0, 16.0, 10.0],
            bold_rows: (0..header_row).chain([header_row]).collect(),
            rows: with_about(&PROGRESS_HEADER, progress_rows(fw, a, today)),
            nowrap_rows: file_rows.clone(),
            freeze_rows: header_row + 1,
            lists: vec![list(
                2,
                Progress::ALL
                    .iter()
                    .map(|p| p.label().to_string())
                    .collect(),
            )],
            typed: true,
        },
        Sheet {
            name: "Self-assessment".into(),
            widths: vec![30.0, 16.0, 60.0, 18.0, 50.0],
            bold_rows: (0..header_row).chain([header_row]).collect(),
            rows: with_about(&SELF_ASSESSMENT_HEADER, self_assessment_rows(fw, a)),
            nowrap_rows: file_rows,
            freeze_rows: header_row + 1,
            lists: vec![list(
                3,
                Rating::ALL.iter().map(|r| r.label().to_string()).collect(),
            )],
            typed: true,
        },
        Sheet {
            name: "Summary".into(),
            widths: [34.0]
                .into_iter()
                .chain(std::iter::repeat_n(13.0, 10))
                .collect(),
            bold_rows: vec![0],
            rows: summary_rows,
            nowrap_rows: Vec::new(),
            freeze_rows: 1,
            lists: Vec::new(),
            typed: true,
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
        let mut a = Assessment::new("a", "Main site", &Stamp::at(1));
        a.apply(Edit::Organisation("Northshire, NHS".into()), &Stamp::at(2));
        a.apply(Edit::Rating("1.1".into(), Rating::InPlace), &Stamp::at(3));
        a.apply(
            Edit::Note("1.1".into(), "Said \"yes\"\nat board".into()),
            &Stamp::at(4),
        );
        a.apply(
            Edit::Progress("1.1".into(), Progress::Moderate),
            &Stamp::at(5),
        );
        a.apply(
            Edit::TargetDate("1.1".into(), "2020-01-01".into()),
            &Stamp::at(6),
        );
        a.apply(
            Edit::ActionToDate("1.2".into(), "=HYPERLINK(\"http://x\")".into()),
            &Stamp::at(7),
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
