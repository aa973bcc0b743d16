//! A generated year of one team's work on one assessment, to measure what
//! the history costs (issue 18's "small history" target): the lead edits
//! 12 times a month, ten colleagues twice a month each, and files are
//! exchanged monthly; every page load is a new writer, as in the browser.
//! Used by a native test (the budget) and `examples/history_size.rs` (the
//! figure the benchmark and README print). Deterministic: a fixed seed.

use super::answer::{Progress, Rating};
use super::assessment::{Assessment, Edit};
use super::clock::Stamp;
use super::exchange::{export, parse_import};
use super::persist::{decode, encode};
use super::store::{plan_save, Saved};
use super::workspace::Workspace;
use crate::content::Framework;
use serde_json::Value;

/// What the year came to, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistorySize {
    /// The exported file of the assessment at the year's end.
    pub file: usize,
    /// The same answers with no history (no writer table, no dots, no
    /// second versions), laid out as the file is: what it is measured against.
    pub bare: usize,
    /// What the app stores for it (every key of the storage layout).
    pub stored: usize,
    /// The bare answers as compact as storage writes them.
    pub bare_stored: usize,
    /// Writers in the assessment's table (one per page load that edited).
    pub writers: usize,
}

impl HistorySize {
    pub fn file_ratio(&self) -> f64 {
        self.file as f64 / self.bare as f64
    }
    pub fn stored_ratio(&self) -> f64 {
        self.stored as f64 / self.bare_stored as f64
    }
}

/// A small deterministic generator (xorshift), so the year is the same on
/// every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "staff",
    "network",
    "survey",
    "board",
    "policy",
    "training",
    "pronouns",
    "allyship",
    "inclusion",
    "patients",
    "service",
    "users",
    "evidence",
    "review",
    "quarterly",
    "audit",
    "leadership",
    "visible",
    "champions",
    "data",
    "monitoring",
    "forms",
    "feedback",
    "actions",
];

fn prose(d: &mut Dice, least: usize, more: usize) -> String {
    let words = least + d.below(more);
    (0..words)
        .map(|_| WORDS[d.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// One session's edits: a few fields of a few elements, as people work.
fn session(a: &mut Assessment, ids: &[String], d: &mut Dice, at: i64, edits: usize) {
    let stamp = Stamp::at(at);
    for _ in 0..edits {
        let id = ids[d.below(ids.len())].clone();
        let edit = match d.below(7) {
            0 => Edit::Rating(id, Rating::ALL[d.below(3)]),
            1 => Edit::Note(id, prose(d, 40, 60)),
            2 => Edit::Progress(
                id,
                [
                    Progress::NoProgress,
                    Progress::Moderate,
                    Progress::Significant,
                ][d.below(3)],
            ),
            3 => Edit::ActionToDate(id, prose(d, 30, 50)),
            4 => Edit::NextSteps(id, prose(d, 30, 50)),
            5 => Edit::Owner(id, format!("{} lead", WORDS[d.below(WORDS.len())])),
            _ => Edit::TargetDate(
                id,
                format!("2027-{:02}-{:02}", 1 + d.below(12), 1 + d.below(28)),
            ),
        };
        a.apply(edit, &stamp);
    }
}

/// A page load: the copy read back from storage is a new writer.
fn reload(a: &Assessment, at: i64) -> Assessment {
    let w = Workspace {
        current: a.id.clone(),
        assessments: vec![a.clone()],
        ..Workspace::fresh(a.id.clone(), &Stamp::at(at))
    };
    decode(&encode(&w, at))
        .expect("reads back")
        .workspace
        .assessments
        .remove(0)
}

/// A file sent and opened: the copy read from it is a new writer.
fn send(a: &Assessment, fw: &Framework, at: i64) -> Assessment {
    let text = export(std::slice::from_ref(a), "sample", at);
    parse_import(text.as_bytes(), fw)
        .expect("reads back")
        .assessments
        .remove(0)
}

/// Keeps one version of every answer with two (the lead goes through them
/// after each month's merge, as the page asks).
fn settle(a: &mut Assessment, at: i64) {
    for field in a.conflicted() {
        if let Some(first) = field.values(a).into_iter().next() {
            field.set(a, &first.value, &Stamp::at(at), true);
        }
    }
}

/// The year, from a fresh assessment to its exported file, and its sizes.
pub fn generate(fw: &Framework) -> HistorySize {
    let ids: Vec<String> = fw.elements().map(|e| e.id.clone()).collect();
    let mut d = Dice(0x5eed_1234_abcd_9876);
    let day = 86_400_000_i64;
    let mut at = 1_798_761_600_000_i64; // 1 January 2027
    let mut lead = Assessment::new("sample-year", "Northshire 2027", &Stamp::at(at));
    lead.apply(
        Edit::Organisation("Northshire NHS Foundation Trust".into()),
        &Stamp::at(at),
    );
    let mut colleagues: Vec<Assessment> = (0..10).map(|_| send(&lead, fw, at)).collect();
    for month in 0..12 {
        for _ in 0..12 {
            at += day * 2;
            lead = reload(&lead, at);
            session(&mut lead, &ids, &mut d, at, 4);
        }
        for c in &mut colleagues {
            for _ in 0..2 {
                at += day / 4;
                *c = reload(c, at);
                session(c, &ids, &mut d, at, 3);
            }
        }
        // Month end: everyone's file reaches the lead, who merges them all,
        // settles any answer with two versions and sends the result back.
        for c in &colleagues {
            lead.merge_from(&send(c, fw, at));
        }
        settle(&mut lead, at);
        if month % 3 == 2 {
            let id = format!("q{}", month / 3 + 1);
            lead.apply(
                Edit::SaveRound {
                    id: id.clone(),
                    name: format!("Quarter {}", month / 3 + 1),
                },
                &Stamp::at(at),
            );
        }
        for c in &mut colleagues {
            c.merge_from(&send(&lead, fw, at));
        }
    }
    measure(&lead, at)
}

/// Writer ids made natively are `local.N`; in a browser each page load's
/// are a 12-hex-digit random session and a count. Measure the real length.
fn as_in_a_browser(text: &str) -> String {
    text.replace("\"local.", "\"5f3a9c21b7e4.")
}

fn measure(a: &Assessment, at: i64) -> HistorySize {
    let file = as_in_a_browser(&export(std::slice::from_ref(a), "sample", at));
    let mut bare: Value = serde_json::from_str(&file).expect("json");
    strip_history(&mut bare);
    let bare_stored = serde_json::to_string(&bare).expect("json").len();
    let bare = serde_json::to_string_pretty(&bare).expect("json").len();
    let mut w = Workspace {
        current: a.id.clone(),
        assessments: vec![a.clone()],
        ..Workspace::fresh(a.id.clone(), &Stamp::at(at))
    };
    let plan = plan_save(&Saved::default(), &mut w, &[], at);
    let stored = plan
        .writes
        .iter()
        .map(|(k, v)| k.len() + as_in_a_browser(v).len())
        .sum();
    HistorySize {
        file: file.len(),
        bare,
        stored,
        bare_stored,
        writers: a.seen.writers(),
    }
}

/// Removes what only the history needs, keeping each shown value and when.
fn strip_history(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("writers");
            map.remove("dot");
            map.remove("concurrent");
            map.values_mut().for_each(strip_history);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_history),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::framework;

    /// Issue 18's target: a year's history keeps the file and what is
    /// stored within 1.5 times the same answers without history.
    #[test]
    fn a_years_history_costs_at_most_half_again_the_answers() {
        let size = generate(framework());
        assert!(
            size.writers > 300,
            "every page load that edited is a writer: {size:?}"
        );
        assert!(
            size.file_ratio() <= 1.5,
            "file {:.2}× the bare answers: {size:?}",
            size.file_ratio()
        );
        assert!(
            size.stored_ratio() <= 1.5,
            "stored {:.2}×: {size:?}",
            size.stored_ratio()
        );
    }
}
