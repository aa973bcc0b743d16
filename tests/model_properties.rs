//! Property tests of the domain model (native): merging is commutative,
//! associative and idempotent; browsers exchanging files in any order, with
//! their clocks days apart, converge and never lose an edit only one made;
//! a conflict is reported exactly when both sides changed a field; the
//! shared file round-trips; no input makes the importer or the stored-data
//! reader panic.
#![cfg(not(target_arch = "wasm32"))]

use inclusion_framework::content::framework;
use inclusion_framework::model::limits::MAX_TEXT_CHARS;
use inclusion_framework::model::rollup::{dedupe, rows, weakest_first};
use inclusion_framework::model::ExportFile;
use inclusion_framework::model::{
    conflicts, decode, encode, export, parse_import, Assessment, Edit, Field, FieldValue, OrgType,
    Progress, Rating, Stamp, Workspace, WriterId,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const DAY: i64 = 86_400_000;

/// One edit to one of a few fields, so histories touch the same fields often.
#[derive(Debug, Clone)]
enum Op {
    Rating(&'static str, Rating),
    Note(&'static str, String),
    Progress(&'static str, Progress),
    Organisation(String),
    Name(String),
}

impl Op {
    fn edit(&self) -> Edit {
        match self {
            Op::Rating(id, r) => Edit::Rating(id.to_string(), *r),
            Op::Note(id, t) => Edit::Note(id.to_string(), t.clone()),
            Op::Progress(id, p) => Edit::Progress(id.to_string(), *p),
            Op::Organisation(t) => Edit::Organisation(t.clone()),
            Op::Name(t) => Edit::Name(t.clone()),
        }
    }

    fn field(&self) -> Field {
        match self {
            Op::Rating(id, _) => Field::Rating(id.to_string()),
            Op::Note(id, _) => Field::Note(id.to_string()),
            Op::Progress(id, _) => Field::Progress(id.to_string()),
            Op::Organisation(_) => Field::Organisation,
            Op::Name(_) => Field::Name,
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-c <>&\"’]{0,12}"]
}

fn op() -> impl Strategy<Value = Op> {
    let id = prop::sample::select(vec!["1.1", "1.2", "4.3"]);
    prop_oneof![
        (id.clone(), prop::sample::select(Rating::ALL.to_vec()))
            .prop_map(|(i, r)| Op::Rating(i, r)),
        (id.clone(), text()).prop_map(|(i, t)| Op::Note(i, t)),
        (id, prop::sample::select(Progress::ALL.to_vec())).prop_map(|(i, p)| Op::Progress(i, p)),
        text().prop_map(Op::Organisation),
        text().prop_map(Op::Name),
    ]
}

/// A step of a history among three browsers: an edit by one (at its own,
/// possibly wrong, time), or one importing (merging) another's file.
#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Op, i64),
    Sync { from: usize, to: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..3, op(), -3 * DAY..3 * DAY).prop_map(|(who, op, t)| Step::Edit(who, op, t)),
        1 => (0usize..3, 0usize..3).prop_map(|(from, to)| Step::Sync { from, to }),
    ]
}

fn base() -> Assessment {
    let s = Stamp::at(0);
    let mut a = Assessment::new("x", "Shared", &s);
    a.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
    a.apply(Edit::Note("1.1".into(), "Draft".into()), &s);
    a
}

fn writer(i: usize) -> WriterId {
    WriterId::named(format!("browser-{i}"))
}

/// Runs a history; returns the three copies and, per field, who edited it.
fn run(steps: &[Step], skew: [i64; 3]) -> (Vec<Assessment>, BTreeMap<Field, BTreeSet<usize>>) {
    let mut copies = vec![base(), base(), base()];
    let mut editors: BTreeMap<Field, BTreeSet<usize>> = BTreeMap::new();
    for s in steps {
        match s {
            Step::Edit(who, op, t) => {
                let stamp = Stamp::at(t + skew[*who]);
                if copies[*who].apply(op.edit(), &stamp) {
                    editors.entry(op.field()).or_default().insert(*who);
                }
            }
            Step::Sync { from, to } => {
                copies[*to] = copies[*to].merged(&copies[*from]);
            }
        }
    }
    (copies, editors)
}

fn all_fields() -> Vec<Field> {
    Field::all(["1.1", "1.2", "4.3"].map(String::from))
}

fn values(a: &Assessment) -> Vec<FieldValue> {
    all_fields().iter().map(|f| f.get(a)).collect()
}

/// Copies of one assessment from one history (so every edit's id is
/// unique, as random writer ids make it in the app): each browser's copy at
/// every step.
fn snapshots(steps: &[Step]) -> Vec<Assessment> {
    let mut seen = vec![base()];
    for end in 0..=steps.len() {
        seen.extend(run(&steps[..end], [0; 3]).0);
    }
    seen
}

fn stamped_assessment() -> impl Strategy<Value = Assessment> {
    (prop::collection::vec(step(), 0..30), any::<usize>())
        .prop_map(|(steps, pick)| run(&steps, [0; 3]).0.swap_remove(pick % 3))
}

/// Three copies from one history, taken at any points.
fn three_copies() -> impl Strategy<Value = (Assessment, Assessment, Assessment)> {
    (prop::collection::vec(step(), 0..30), any::<[usize; 3]>()).prop_map(|(steps, picks)| {
        let all = snapshots(&steps);
        let pick = |i: usize| all[picks[i] % all.len()].clone();
        (pick(0), pick(1), pick(2))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn merging_is_commutative_associative_and_idempotent((a, b, c) in three_copies()) {
        prop_assert_eq!(a.merged(&b), b.merged(&a));
        prop_assert_eq!(a.merged(&b).merged(&c), a.merged(&b.merged(&c)));
        prop_assert_eq!(a.merged(&a), a.clone());
        let ab = a.merged(&b);
        prop_assert_eq!(ab.merged(&b), ab);
    }

    #[test]
    fn three_browsers_converge_and_keep_every_edit_only_one_made(
        steps in prop::collection::vec(step(), 0..60),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut o = vec![0usize, 1, 2];
            for i in (1..3).rev() { o.swap(i, (rng.next_u32() as usize) % (i + 1)); }
            o
        }),
    ) {
        let (copies, editors) = run(&steps, [0; 3]);
        // Everyone sends everyone their file, in some order, twice round.
        let mut all = copies.clone();
        for _ in 0..2 {
            for &from in &order {
                for to in 0..3 {
                    all[to] = all[to].merged(&all[from]);
                }
            }
        }
        prop_assert_eq!(&all[0], &all[1]);
        prop_assert_eq!(&all[1], &all[2]);
        for (field, who) in &editors {
            if let [only] = who.iter().copied().collect::<Vec<_>>()[..] {
                prop_assert_eq!(field.get(&all[0]), field.get(&copies[only]), "{:?} lost", field);
                prop_assert!(!field.is_conflicted(&all[0]));
            }
        }
    }

    #[test]
    fn clocks_days_apart_change_nothing(
        steps in prop::collection::vec(step(), 0..40),
        skew in prop::array::uniform3(-30 * DAY..30 * DAY),
    ) {
        let (fair, _) = run(&steps, [0; 3]);
        let (skewed, _) = run(&steps, skew);
        for i in 0..3 {
            prop_assert_eq!(values(&fair[i]), values(&skewed[i]));
        }
    }

    #[test]
    fn a_conflict_is_reported_exactly_when_both_sides_changed_a_field(
        ours_ops in prop::collection::vec((op(), -DAY..DAY), 0..8),
        theirs_ops in prop::collection::vec((op(), -DAY..DAY), 0..8),
    ) {
        let mut ours = base();
        let mut theirs = base();
        let mut changed = (BTreeSet::new(), BTreeSet::new());
        for (o, t) in &ours_ops {
            if ours.apply(o.edit(), &Stamp::at(*t)) { changed.0.insert(o.field()); }
        }
        for (o, t) in &theirs_ops {
            if theirs.apply(o.edit(), &Stamp::at(*t)) { changed.1.insert(o.field()); }
        }
        let found: BTreeSet<Field> = conflicts(&ours, &theirs).into_iter().map(|c| c.field).collect();
        // The name is each person's own label for their copy: never a question.
        let expected: BTreeSet<Field> = changed.0.intersection(&changed.1)
            .filter(|f| **f != Field::Name && f.get(&ours) != f.get(&theirs))
            .cloned()
            .collect();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn undo_of_a_merge_holds_in_every_copy(
        ours_ops in prop::collection::vec((op(), -DAY..DAY), 0..6),
        theirs_ops in prop::collection::vec((op(), -DAY..DAY), 0..6),
    ) {
        let s0 = Stamp::at(0);
        let mut w = Workspace::fresh("seed", &s0);
        w.add(base());
        for (o, t) in &ours_ops { w.apply(o.edit(), &Stamp::at(*t)); }
        let mut theirs = base();
        for (o, t) in &theirs_ops { theirs.apply(o.edit(), &Stamp::at(*t)); }
        let before = w.current().clone();
        let other_tab = w.clone();
        let choices: Vec<(Field, FieldValue)> = conflicts(w.current(), &theirs)
            .into_iter().map(|c| (c.field, c.theirs)).collect();
        let done = w.merge_current(&theirs, &choices, &Stamp::at(5));
        let merged = w.clone();
        w.undo_import(&done, &Stamp::at(6), || "unused".into());
        prop_assert_eq!(values(w.current()), values(&before));
        for stale in [&other_tab, &merged] {
            prop_assert_eq!(values(w.merged(stale).current()), values(&before));
            prop_assert_eq!(values(stale.merged(&w).current()), values(&before));
        }
    }

    #[test]
    fn export_then_import_is_the_identity(a in stamped_assessment(), rounds in 0usize..120) {
        let mut a = a;
        for i in 0..rounds {
            a.apply(Edit::SaveRound { id: format!("r{i}"), name: format!("Round {i}") }, &Stamp::at(i as i64));
        }
        let file = export(std::slice::from_ref(&a), "test", 7);
        let back = parse_import(file.as_bytes(), framework()).unwrap();
        prop_assert_eq!(back.assessments, vec![a.clone()]);
        let mut w = Workspace::fresh("seed", &Stamp::at(0));
        w.add(a);
        prop_assert_eq!(decode(&encode(&w, 1)).unwrap().workspace, w);
    }

    #[test]
    fn long_texts_up_to_the_limit_round_trip_and_over_it_are_refused(extra in 0usize..3, len in 0usize..200) {
        let mut a = base();
        let s = Stamp::at(1);
        let fits = "x".repeat(MAX_TEXT_CHARS - len);
        prop_assert!(a.apply(Edit::Note("1.2".into(), fits), &s));
        prop_assert!(!a.apply(Edit::Note("1.3".into(), "y".repeat(MAX_TEXT_CHARS + 1 + extra)), &s));
        let file = export(std::slice::from_ref(&a), "test", 1);
        prop_assert!(parse_import(file.as_bytes(), framework()).is_ok());
    }

    #[test]
    fn copies_of_one_assessment_count_once_whatever_the_order_opened(
        (a, b, c) in three_copies(),
        times in any::<[i16; 3]>(),
        rotate in 0usize..3,
    ) {
        let fw = framework();
        let files: Vec<(String, ExportFile)> = [a, b, c]
            .into_iter()
            .zip(times)
            .enumerate()
            .map(|(i, (copy, t))| {
                let text = export(std::slice::from_ref(&copy), "test", t as i64);
                (format!("copy-{i}.json"), parse_import(text.as_bytes(), fw).unwrap())
            })
            .collect();
        let most = files.iter().map(|f| f.1.assessments[0].edits_seen()).max().unwrap();
        let (kept, dropped) = dedupe(&rows(fw, &files));
        prop_assert_eq!(kept.len(), 1);
        prop_assert_eq!(dropped.len(), 2);
        prop_assert_eq!(kept[0].edits_seen, most);
        let mut turned = files.clone();
        turned.rotate_left(rotate);
        turned.reverse();
        let (again, _) = dedupe(&rows(fw, &turned));
        prop_assert_eq!(&again[0].file, &kept[0].file);
        prop_assert_eq!(&again[0].ratings, &kept[0].ratings);
        let lines = weakest_first(fw, &kept);
        let ids: BTreeSet<&str> = lines.iter().map(|l| l.element.as_str()).collect();
        prop_assert_eq!(ids.len(), 17);
        let scores: Vec<f64> = lines.iter().filter_map(|l| l.score).collect();
        prop_assert!(scores.windows(2).all(|w| w[0] >= w[1]), "weakest first");
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_importer(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_import(&bytes, framework());
        let _ = decode(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_json_never_panics_the_importer(json in arbitrary_json()) {
        let text = json.to_string();
        let _ = parse_import(text.as_bytes(), framework());
        let _ = decode(&text);
        // Our own header on arbitrary content is still refused cleanly.
        for version in [1, 2] {
            let wrapped = serde_json::json!({"format": inclusion_framework::model::FILE_FORMAT, "version": version, "assessments": json});
            let _ = parse_import(wrapped.to_string().as_bytes(), framework());
        }
    }

    #[test]
    fn mangled_real_files_are_refused_or_read_never_panic(a in stamped_assessment(), cut in 0usize..2000, byte in any::<u8>()) {
        let mut file = export(&[a], "test", 1).into_bytes();
        let at = cut % file.len();
        file[at] = byte;
        let _ = parse_import(&file, framework());
        let _ = parse_import(&file[..at], framework());
    }
}

fn arbitrary_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z_0-9.]{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Files written by every schema version must keep importing: one golden
/// sample per version lives in tests/fixtures.
#[test]
fn golden_files_of_every_version_still_import() {
    let v1 = include_bytes!("fixtures/export-v1.json");
    let file = parse_import(v1, framework()).expect("version 1 sample imports");
    let a = &file.assessments[0];
    assert_eq!(
        a.profile.organisation.value,
        "Northshire NHS Foundation Trust"
    );
    assert_eq!(a.profile.org_type.value, Some(OrgType::AcuteTrust));
    assert_eq!(a.rating("1.1"), Rating::InPlace);
    assert_eq!(a.answer("4.3").progress.value, Progress::NoProgress);
    assert_eq!(a.answer("4.3").target_date.value, "2027-06-30");
    assert_eq!(a.answer("1.1").note.changed_at, Some(1_794_100_001_000));
    // Read twice, it is the same file: merging it into itself asks nothing.
    let again = parse_import(v1, framework()).unwrap();
    assert!(conflicts(a, &again.assessments[0]).is_empty());
    assert_eq!(a.merged(&again.assessments[0]), a.clone());

    let v2 = include_bytes!("fixtures/export-v2.json");
    let file = parse_import(v2, framework()).expect("version 2 sample imports");
    let b = &file.assessments[0];
    assert_eq!(b.profile.organisation.value, a.profile.organisation.value);
    // Version 2 is version 1 read and edited: the two merge as one history.
    assert!(b.merged(a).edits_seen() >= a.edits_seen());
}
