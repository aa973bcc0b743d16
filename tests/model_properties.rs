//! Property tests of the domain model (native), at the workspace level:
//! three browsers run random sequences of every operation (an edit to any
//! field, duplicate, delete, restore, delete all, import as new, replace,
//! merge with random answers to every question, undo, review rounds, a
//! second tab, a reload) and exchange exported files in random order.
//! Every page load and every fork writes as a new writer. Checked: copies
//! converge once everything is exchanged; an edit only one browser made is
//! never lost; nothing deleted comes back; a conflict is asked exactly when
//! both sides changed a field to different values; no two copies share a
//! writer; the importer and the stored-data reader never panic; the golden
//! files of every version still read.
#![cfg(not(target_arch = "wasm32"))]

use inclusion_framework::content::framework;
use inclusion_framework::model::limits::MAX_TEXT_CHARS;
use inclusion_framework::model::rollup::{dedupe, weakest_first};
use inclusion_framework::model::sheet::parse_sheet;
use inclusion_framework::model::table::to_csv;
use inclusion_framework::model::{
    conflicts, decode, encode, export, merge_mode, parse_import, questions, Assessment, Date,
    Deleted, Edit, ExportFile, Field, FieldValue, ImportRecord, MergeMode, OrgType, Progress,
    Rating, Stamp, Workspace, WriterId,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const DAY: i64 = 86_400_000;

fn element_ids() -> Vec<String> {
    framework().elements().map(|e| e.id.clone()).collect()
}

/// One edit to any of the ~125 fields: every element's seven, the
/// profile's four, the name and the board commentary.
#[derive(Debug, Clone)]
enum Op {
    Element(usize, u8, String, Rating, Progress),
    Organisation(String),
    OrgType(Option<OrgType>),
    CompletedBy(String),
    AssessedOn(String),
    Name(String),
    Commentary(String),
}

impl Op {
    fn edit(&self) -> Edit {
        let ids = element_ids();
        match self {
            Op::Element(i, kind, t, r, p) => {
                let id = ids[*i % ids.len()].clone();
                match kind % 7 {
                    0 => Edit::Rating(id, *r),
                    1 => Edit::Note(id, t.clone()),
                    2 => Edit::Progress(id, *p),
                    3 => Edit::ActionToDate(id, t.clone()),
                    4 => Edit::NextSteps(id, t.clone()),
                    5 => Edit::Owner(id, t.clone()),
                    _ => Edit::TargetDate(id, t.clone()),
                }
            }
            Op::Organisation(t) => Edit::Organisation(t.clone()),
            Op::OrgType(t) => Edit::OrgType(*t),
            Op::CompletedBy(t) => Edit::CompletedBy(t.clone()),
            Op::AssessedOn(t) => Edit::AssessedOn(t.clone()),
            Op::Name(t) => Edit::Name(t.clone()),
            Op::Commentary(t) => Edit::Commentary(t.clone()),
        }
    }

    fn field(&self) -> Field {
        match self.edit() {
            Edit::Rating(id, _) => Field::Rating(id),
            Edit::Note(id, _) => Field::Note(id),
            Edit::Progress(id, _) => Field::Progress(id),
            Edit::ActionToDate(id, _) => Field::ActionToDate(id),
            Edit::NextSteps(id, _) => Field::NextSteps(id),
            Edit::Owner(id, _) => Field::Owner(id),
            Edit::TargetDate(id, _) => Field::TargetDate(id),
            Edit::Organisation(_) => Field::Organisation,
            Edit::OrgType(_) => Field::OrgType,
            Edit::CompletedBy(_) => Field::CompletedBy,
            Edit::AssessedOn(_) => Field::AssessedOn,
            Edit::Name(_) => Field::Name,
            Edit::Commentary(_) => Field::Commentary,
            other => unreachable!("{other:?}"),
        }
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-c <>&\"’]{0,12}"]
}

fn op() -> impl Strategy<Value = Op> {
    // A few elements often (so histories meet), any element sometimes.
    let index = prop_oneof![3 => 0usize..3, 1 => 0usize..17];
    prop_oneof![
        8 => (index, 0u8..7, text(), prop::sample::select(Rating::ALL.to_vec()),
              prop::sample::select(Progress::ALL.to_vec()))
            .prop_map(|(i, k, t, r, p)| Op::Element(i, k, t, r, p)),
        1 => text().prop_map(Op::Organisation),
        1 => prop::option::of(prop::sample::select(OrgType::ALL.to_vec())).prop_map(Op::OrgType),
        1 => text().prop_map(Op::CompletedBy),
        1 => text().prop_map(Op::AssessedOn),
        1 => text().prop_map(Op::Name),
        1 => text().prop_map(Op::Commentary),
    ]
}

#[test]
fn the_generators_reach_every_field() {
    let mut fields = BTreeSet::new();
    for i in 0..17 {
        for k in 0..7 {
            fields.insert(
                Op::Element(i, k, String::new(), Rating::InPlace, Progress::Moderate).field(),
            );
        }
    }
    for o in [
        Op::Organisation(String::new()),
        Op::OrgType(None),
        Op::CompletedBy(String::new()),
        Op::AssessedOn(String::new()),
        Op::Name(String::new()),
        Op::Commentary(String::new()),
    ] {
        fields.insert(o.field());
    }
    let all: BTreeSet<Field> = Field::all(element_ids()).into_iter().collect();
    assert_eq!(all.len(), 6 + 17 * 7);
    assert_eq!(fields, all);
}

/// One step of three browsers' history.
#[derive(Debug, Clone)]
enum Step {
    Edit(usize, Op, i64),
    Duplicate(usize),
    Delete(usize),
    Restore(usize),
    DeleteAll(usize),
    /// The file of `from`'s open assessment, imported by `to`.
    ImportNew {
        from: usize,
        to: usize,
    },
    Replace {
        from: usize,
        to: usize,
    },
    Merge {
        from: usize,
        to: usize,
        every: bool,
        pick: u64,
    },
    Undo(usize),
    SaveRound(usize),
    DeleteRound(usize, usize),
    /// A second tab of `who` edits, and the tabs merge.
    Tab(usize, Op),
    /// A page load: the stored envelope read back, new writers.
    Reload(usize),
    Switch(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let b = || 0usize..3;
    prop_oneof![
        12 => (b(), op(), -3 * DAY..3 * DAY).prop_map(|(w, o, t)| Step::Edit(w, o, t)),
        1 => b().prop_map(Step::Duplicate),
        1 => b().prop_map(Step::Delete),
        1 => b().prop_map(Step::Restore),
        1 => b().prop_map(Step::DeleteAll),
        1 => (b(), b()).prop_map(|(from, to)| Step::ImportNew { from, to }),
        1 => (b(), b()).prop_map(|(from, to)| Step::Replace { from, to }),
        5 => (b(), b(), prop::bool::weighted(0.2), any::<u64>())
            .prop_map(|(from, to, every, pick)| Step::Merge { from, to, every, pick }),
        1 => b().prop_map(Step::Undo),
        1 => b().prop_map(Step::SaveRound),
        1 => (b(), 0usize..4).prop_map(|(w, i)| Step::DeleteRound(w, i)),
        2 => (b(), op()).prop_map(|(w, o)| Step::Tab(w, o)),
        2 => b().prop_map(Step::Reload),
        1 => (b(), 0usize..4).prop_map(|(w, i)| Step::Switch(w, i)),
    ]
}

struct Browser {
    w: Workspace,
    deleted: Vec<Deleted>,
    last_import: Option<ImportRecord>,
}

/// Everything the history did, to check against.
#[derive(Default)]
struct Log {
    /// Deletes that nothing undid: (generation, id, life deleted).
    deletes: Vec<(usize, u64, String, u64)>,
    questions_asked: usize,
}

fn file_of(a: &Assessment) -> Assessment {
    let text = export(std::slice::from_ref(a), "test", 1);
    parse_import(text.as_bytes(), framework())
        .expect("our own export reads")
        .assessments
        .remove(0)
}

fn run_browsers(steps: &[Step]) -> Result<(Vec<Browser>, Log), TestCaseError> {
    let mut n = 0;
    let mut id = move || {
        n += 1;
        format!("id-{n}")
    };
    let s0 = Stamp::at(0);
    let start = Workspace::fresh("shared", &s0);
    let mut browsers: Vec<Browser> = (0..3)
        .map(|_| Browser {
            // Each browser's copy read from one shared file: new writers.
            w: decode(&encode(&start, 0)).unwrap().workspace,
            deleted: Vec::new(),
            last_import: None,
        })
        .collect();
    let mut log = Log::default();
    for (t, s) in steps.iter().enumerate() {
        let stamp = Stamp::at(t as i64 * 1_000);
        match s {
            Step::Edit(who, op, skew) => {
                browsers[*who]
                    .w
                    .apply(op.edit(), &Stamp::at(t as i64 + skew));
            }
            Step::Duplicate(who) => {
                let w = &mut browsers[*who].w;
                let current = w.current.clone();
                prop_assert!(w.duplicate(&current, id(), &stamp));
            }
            Step::Delete(who) => {
                let b = &mut browsers[*who];
                let current = b.w.current.clone();
                if let Some(d) = b.w.delete(&current, id(), &stamp) {
                    log.deletes.push((
                        *who,
                        b.w.generation,
                        d.assessment.id.clone(),
                        d.assessment.life,
                    ));
                    prop_assert!(b.w.get(&current).is_none());
                    b.deleted.push(d);
                }
            }
            Step::Restore(who) => {
                let b = &mut browsers[*who];
                if let Some(d) = b.deleted.pop() {
                    let (g, rid, life) =
                        (b.w.generation, d.assessment.id.clone(), d.assessment.life);
                    b.w.restore(d, &stamp);
                    log.deletes.retain(|x| *x != (*who, g, rid.clone(), life));
                }
            }
            Step::DeleteAll(who) => {
                let b = &mut browsers[*who];
                b.w = b.w.cleared(id(), &stamp);
                b.deleted.clear();
                b.last_import = None;
            }
            Step::ImportNew { from, to } => {
                let file = file_of(browsers[*from].w.current());
                let b = &mut browsers[*to];
                b.last_import = Some(b.w.import_new(&[file], "today", &stamp, &mut id));
            }
            Step::Replace { from, to } => {
                let file = file_of(browsers[*from].w.current());
                let b = &mut browsers[*to];
                let done = b.w.replace_current(&file, &stamp, &mut id);
                for f in Field::all(element_ids()) {
                    if f != Field::Name {
                        let vals = |a: &Assessment| {
                            f.values(a)
                                .into_iter()
                                .map(|v| format!("{:?}", v.value))
                                .collect::<BTreeSet<_>>()
                        };
                        if f.values(&file).len() > 1 {
                            prop_assert_eq!(vals(b.w.current()), vals(&file), "{:?}", f);
                        }
                        prop_assert_eq!(
                            f.get(b.w.current()),
                            f.get(&file),
                            "replace holds the file: {:?}",
                            f
                        );
                    }
                }
                let names = |a: &Assessment| {
                    a.rounds
                        .iter()
                        .map(|r| r.name.value.clone())
                        .collect::<Vec<_>>()
                };
                prop_assert_eq!(names(b.w.current()), names(&file));
                b.last_import = Some(done);
            }
            Step::Merge {
                from,
                to,
                every,
                pick,
            } => {
                let file = file_of(browsers[*from].w.current());
                let b = &mut browsers[*to];
                let ours = b.w.current().clone();
                let mode = if *every {
                    MergeMode::EveryDifference
                } else {
                    merge_mode(&ours, &file)
                };
                let asked = questions(&ours, &file, mode);
                log.questions_asked += asked.len();
                if mode == MergeMode::Causal {
                    check_questions(&ours, &file, &asked)?;
                }
                if !asked.is_empty() {
                    let refused = b.w.merge_current(&file, mode, &[], &stamp);
                    prop_assert!(refused.is_err(), "no default answer");
                    prop_assert_eq!(b.w.current(), &ours, "and nothing changed");
                }
                let choices: Vec<(Field, FieldValue)> = asked
                    .iter()
                    .enumerate()
                    .map(|(i, q)| {
                        let c =
                            &q.versions[(pick.rotate_left(i as u32) as usize) % q.versions.len()];
                        (q.field.clone(), c.value.clone())
                    })
                    .collect();
                let done = b.w.merge_current(&file, mode, &choices, &stamp);
                prop_assert!(done.is_ok(), "{:?}", done);
                let a = b.w.current();
                for (field, value) in &choices {
                    prop_assert_eq!(&field.get(a), value, "the chosen version is kept");
                    prop_assert!(!field.is_conflicted(a));
                }
                if mode == MergeMode::Causal {
                    no_edit_lost(&ours, &file, a, &choices)?;
                }
                b.last_import = done.ok();
            }
            Step::Undo(who) => {
                let b = &mut browsers[*who];
                if let Some(done) = b.last_import.take() {
                    b.w.undo_import(&done, &stamp, &mut id);
                }
            }
            Step::SaveRound(who) => {
                let r = id();
                browsers[*who].w.apply(
                    Edit::SaveRound {
                        id: r.clone(),
                        name: r,
                    },
                    &stamp,
                );
            }
            Step::DeleteRound(who, i) => {
                let w = &mut browsers[*who].w;
                if let Some(r) = w.current().rounds.get(*i).map(|r| r.id.clone()) {
                    prop_assert!(w.apply(Edit::DeleteRound(r.clone()), &stamp));
                    prop_assert!(w.current().rounds.iter().all(|x| x.id != r));
                }
            }
            Step::Tab(who, op) => {
                let b = &mut browsers[*who];
                let mut tab = b.w.clone();
                let did = tab.apply(op.edit(), &stamp);
                let edited = (
                    op.field(),
                    op.field().get(tab.current()),
                    tab.current.clone(),
                );
                b.w.merge_from(&tab);
                if let Some(a) = b.w.get(&edited.2).filter(|_| did) {
                    prop_assert!(
                        edited.0.values(a).iter().any(|v| v.value == edited.1),
                        "the tab's edit is kept"
                    );
                }
            }
            Step::Reload(who) => {
                let b = &mut browsers[*who];
                let back = decode(&encode(&b.w, 1)).unwrap().workspace;
                prop_assert_eq!(&back, &b.w);
                b.w = back;
            }
            Step::Switch(who, i) => {
                let w = &mut browsers[*who].w;
                if let Some(a) = w.assessments.get(*i).map(|a| a.id.clone()) {
                    w.switch(&a);
                }
            }
        }
        for (i, b) in browsers.iter().enumerate() {
            nothing_deleted_is_here(&b.w, &log, Some(i))?;
        }
    }
    Ok((browsers, log))
}

/// Merging `theirs` into `ours` as one history asks about a field exactly
/// when the result would hold two different live versions and the file
/// brings one we do not hold, with every live version offered.
fn check_questions(
    ours: &Assessment,
    theirs: &Assessment,
    asked: &[inclusion_framework::model::Conflict],
) -> Result<(), TestCaseError> {
    let mut theirs = theirs.clone();
    theirs.id = ours.id.clone();
    let merged = ours.merged(&theirs);
    for field in Field::all(element_ids()) {
        if field == Field::Name {
            continue;
        }
        let live: BTreeSet<String> = field
            .values(&merged)
            .iter()
            .map(|v| format!("{:?}", v.value))
            .collect();
        let ours_now: BTreeSet<String> = field
            .values(ours)
            .iter()
            .map(|v| format!("{:?}", v.value))
            .collect();
        let theirs_v: BTreeSet<String> = field
            .values(&theirs)
            .iter()
            .map(|v| format!("{:?}", v.value))
            .collect();
        let held: BTreeSet<_> = field.versions(ours).into_iter().map(|v| v.dot).collect();
        let brings = field
            .versions(&merged)
            .iter()
            .any(|v| !held.contains(&v.dot));
        let expected = live.len() > 1 && brings;
        let question = asked.iter().find(|q| q.field == field);
        prop_assert_eq!(question.is_some(), expected, "{:?}: live {:?}", field, live);
        if let Some(q) = question {
            let offered: BTreeSet<String> = q
                .versions
                .iter()
                .map(|c| format!("{:?}", c.value))
                .collect();
            prop_assert_eq!(&offered, &live, "every live version, nothing else");
            prop_assert!(offered
                .iter()
                .all(|v| ours_now.contains(v) || theirs_v.contains(v)));
        }
        if ours_now.len() > 1
            && field
                .versions(&theirs)
                .iter()
                .all(|v| held.contains(&v.dot))
        {
            prop_assert!(
                question.is_none(),
                "two versions here, nothing new: {:?}",
                field
            );
        }
    }
    Ok(())
}

/// After a causal merge, every live version of ours or theirs that the
/// other side had not superseded is still live, unless the user chose
/// another value for that field.
fn no_edit_lost(
    ours: &Assessment,
    theirs: &Assessment,
    after: &Assessment,
    choices: &[(Field, FieldValue)],
) -> Result<(), TestCaseError> {
    for field in Field::all(element_ids()) {
        if field == Field::Name || choices.iter().any(|(f, _)| *f == field) {
            continue;
        }
        let now: Vec<FieldValue> = field.values(after).into_iter().map(|v| v.value).collect();
        for (side, other) in [(ours, theirs), (theirs, ours)] {
            for v in field.versions(side) {
                let superseded = other.seen().covers(&v.dot)
                    && !field.versions(other).iter().any(|o| o.dot == v.dot);
                if !superseded {
                    prop_assert!(now.contains(&v.value), "{:?}: {:?} lost", field, v.value);
                }
            }
        }
    }
    Ok(())
}

/// What `who` deleted (or, with `None`, anyone) is not in `w`, unless its
/// delete was undone or it was asked for again (a later life).
fn nothing_deleted_is_here(
    w: &Workspace,
    log: &Log,
    who: Option<usize>,
) -> Result<(), TestCaseError> {
    for (by, generation, id, life) in &log.deletes {
        if *generation == w.generation && who.is_none_or(|w| w == *by) {
            if let Some(a) = w.get(id) {
                prop_assert!(a.life > *life, "{} came back", id);
            }
        }
    }
    Ok(())
}

/// The writer of a copy: the one its next edit is counted under.
fn writer_of(a: &mut Assessment, t: i64) -> WriterId {
    let before = a.seen().clone();
    assert!(a.apply(Edit::Commentary(format!("probe {t}")), &Stamp::at(t)));
    let changed: Vec<WriterId> = a
        .seen()
        .entries()
        .filter(|(w, n)| before.get(w) < *n)
        .map(|(w, _)| w.clone())
        .collect();
    assert_eq!(changed.len(), 1);
    changed[0].clone()
}

fn by_id(w: &Workspace) -> BTreeMap<String, Assessment> {
    w.assessments
        .iter()
        .map(|a| (a.id.clone(), a.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn three_browsers_doing_everything_converge_and_lose_nothing(
        steps in prop::collection::vec(step(), 0..60),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut o = vec![0usize, 1, 2];
            for i in (1..3).rev() { o.swap(i, (rng.next_u32() as usize) % (i + 1)); }
            o
        }),
    ) {
        let (mut browsers, log) = run_browsers(&steps)?;
        // Every browser takes in every other's everything (as a tab's
        // storage or a backup does), in some order, twice round.
        for _ in 0..2 {
            for &from in &order {
                for to in 0..3 {
                    let theirs = browsers[from].w.clone();
                    browsers[to].w.merge_from(&theirs);
                    browsers[to].w.ensure_one("placeholder", &Stamp::at(0));
                }
            }
        }
        prop_assert_eq!(by_id(&browsers[0].w), by_id(&browsers[1].w));
        prop_assert_eq!(by_id(&browsers[1].w), by_id(&browsers[2].w));
        for b in &browsers {
            nothing_deleted_is_here(&b.w, &log, None)?;
        }
        // No two copies anywhere write as one writer.
        let mut writers = BTreeSet::new();
        for b in &mut browsers {
            for (i, a) in b.w.assessments.iter_mut().enumerate() {
                prop_assert!(writers.insert(writer_of(a, i as i64)), "a shared writer");
            }
        }
    }

    #[test]
    fn a_conflict_is_asked_exactly_when_both_sides_changed_a_field(
        ours_ops in prop::collection::vec((op(), -DAY..DAY), 0..10),
        theirs_ops in prop::collection::vec((op(), -DAY..DAY), 0..10),
    ) {
        let mut ours = base();
        let mut theirs = file_of(&ours);
        let mut changed = (BTreeSet::new(), BTreeSet::new());
        for (o, t) in &ours_ops {
            if ours.apply(o.edit(), &Stamp::at(*t)) { changed.0.insert(o.field()); }
        }
        for (o, t) in &theirs_ops {
            if theirs.apply(o.edit(), &Stamp::at(*t)) { changed.1.insert(o.field()); }
        }
        let found: BTreeSet<Field> = conflicts(&ours, &theirs).into_iter().map(|c| c.field).collect();
        // The name is each person's own label for their copy: never asked.
        let expected: BTreeSet<Field> = changed.0.intersection(&changed.1)
            .filter(|f| **f != Field::Name && f.get(&ours) != f.get(&theirs))
            .cloned()
            .collect();
        prop_assert_eq!(found, expected);
    }

    #[test]
    fn three_browsers_exchanging_files_keep_every_edit_only_one_made(
        steps in prop::collection::vec((0usize..3, prop::option::of(op()), 0usize..3), 0..60),
        skew in prop::array::uniform3(-30 * DAY..30 * DAY),
    ) {
        let mut copies = vec![base(), base(), base()];
        copies[1] = file_of(&copies[0]);
        copies[2] = file_of(&copies[0]);
        let mut editors: BTreeMap<Field, BTreeSet<usize>> = BTreeMap::new();
        for (t, (who, op, from)) in steps.iter().enumerate() {
            match op {
                Some(op) => {
                    if copies[*who].apply(op.edit(), &Stamp::at(t as i64 + skew[*who])) {
                        editors.entry(op.field()).or_default().insert(*who);
                    }
                }
                None => {
                    let file = file_of(&copies[*from]);
                    copies[*who].merge_from(&file);
                }
            }
        }
        let before = copies.clone();
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    let file = file_of(&copies[from]);
                    copies[to].merge_from(&file);
                }
            }
        }
        prop_assert_eq!(&copies[0], &copies[1]);
        prop_assert_eq!(&copies[1], &copies[2]);
        for (field, who) in &editors {
            if let [only] = who.iter().copied().collect::<Vec<_>>()[..] {
                prop_assert_eq!(field.get(&copies[0]), field.get(&before[only]), "{:?} lost", field);
                prop_assert!(!field.is_conflicted(&copies[0]));
            }
        }
        // Merging is commutative, associative and idempotent.
        let (a, b, c) = (&before[0], &before[1], &before[2]);
        prop_assert_eq!(a.merged(b), b.merged(a));
        prop_assert_eq!(a.merged(b).merged(c), a.merged(&b.merged(c)));
        prop_assert_eq!(&a.merged(a), a);
    }
}

fn base() -> Assessment {
    let s = Stamp::at(0);
    let mut a = Assessment::new("x", "Shared", &s);
    a.apply(Edit::Rating("1.1".into(), Rating::NotInPlace), &s);
    a.apply(Edit::Note("1.1".into(), "Draft".into()), &s);
    a
}

/// Every way the public API makes a copy gives it a writer of its own.
#[test]
fn every_copy_the_api_makes_writes_as_a_new_writer() {
    let s = Stamp::at(1);
    let mut w = Workspace::fresh("a", &s);
    w.apply(Edit::Rating("1.1".into(), Rating::InPlace), &s);
    let original = w.current().clone();
    let mut copies: Vec<Assessment> = vec![w.current().clone(), original.clone()];
    copies.push(original.merged(&base()));
    copies.push(decode(&encode(&w, 1)).unwrap().workspace.current().clone());
    copies.push(file_of(&original));
    let mut d = w.clone();
    d.duplicate("a", "dup", &s);
    copies.push(d.current().clone());
    let mut n = w.clone();
    n.import_new(&[file_of(&original)], "today", &s, || "new".into());
    copies.push(n.current().clone());
    let mut r = w.clone();
    r.replace_current(&file_of(&original), &s, || "r".into());
    copies.push(r.current().clone());
    let mut m = w.clone();
    m.merge_current(&file_of(&original), MergeMode::Causal, &[], &s)
        .unwrap();
    copies.push(m.current().clone());
    let csv = to_csv(framework(), &original, Date::parse("2027-01-01").unwrap());
    let sheet = parse_sheet("a.csv", csv.as_bytes(), framework()).unwrap();
    copies.push(sheet.as_colleague(&original, &s));
    copies.push(sheet.as_new("sheet", "Sheet", &s));
    let mut writers = BTreeSet::new();
    let mut w_ref = w;
    writers.insert(writer_of(w_ref.current_mut(), 0));
    for (i, mut c) in copies.into_iter().enumerate() {
        let writer = writer_of(&mut c, i as i64);
        assert!(
            writers.insert(writer.clone()),
            "copy {i} shares writer {writer:?}"
        );
    }
}

/// An assessment with a history: edits by three copies and merges.
fn stamped_assessment() -> impl Strategy<Value = Assessment> {
    prop::collection::vec((0usize..3, prop::option::of(op())), 0..30).prop_map(|steps| {
        let first = base();
        let mut copies = vec![first.clone(), file_of(&first), file_of(&first)];
        for (t, (who, op)) in steps.iter().enumerate() {
            match op {
                Some(op) => {
                    copies[*who].apply(op.edit(), &Stamp::at(t as i64));
                }
                None => {
                    let other = copies[(who + 1) % 3].clone();
                    copies[*who].merge_from(&other);
                }
            }
        }
        copies.swap_remove(steps.len() % 3)
    })
}

/// Three copies of one assessment, each edited apart after the last merge.
fn three_copies() -> impl Strategy<Value = (Assessment, Assessment, Assessment)> {
    (
        stamped_assessment(),
        prop::collection::vec((0usize..3, op()), 0..12),
    )
        .prop_map(|(a, ops)| {
            let mut copies = [file_of(&a), file_of(&a), a];
            for (t, (who, op)) in ops.iter().enumerate() {
                copies[*who].apply(op.edit(), &Stamp::at(100 + t as i64));
            }
            let [x, y, z] = copies;
            (x, y, z)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

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
    fn copies_of_one_assessment_merge_into_one_row_whatever_the_order_opened(
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
        let (kept, merged) = dedupe(fw, &files);
        prop_assert_eq!(kept.len(), 1);
        prop_assert_eq!(merged.len(), 1);
        prop_assert_eq!(merged[0].files.len(), 3);
        // The row is the merge of every copy: each rating it shows is the
        // merged one, and exactly the ratings with two versions say so.
        let mut whole = files[0].1.assessments[0].clone();
        for (_, f) in &files[1..] {
            whole.merge_from(&f.assessments[0]);
        }
        for (i, e) in fw.elements().enumerate() {
            let conflicted = Field::Rating(e.id.clone()).values(&whole).len() > 1;
            prop_assert_eq!(kept[0].versions_of(i).is_some(), conflicted);
            if !conflicted {
                prop_assert_eq!(kept[0].ratings[i], whole.rating(&e.id));
            }
        }
        let mut turned = files.clone();
        turned.rotate_left(rotate);
        turned.reverse();
        let (again, _) = dedupe(fw, &turned);
        prop_assert_eq!(&again[0].ratings, &kept[0].ratings);
        prop_assert_eq!(&again[0].unsettled, &kept[0].unsettled);
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
        for version in [1, 2, 3] {
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
        "[a-z_0-9.#]{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Files written by every version must keep importing: one golden sample
/// per version lives in tests/fixtures.
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
    let file2 = parse_import(v2, framework()).expect("version 2 sample imports");
    let b = &file2.assessments[0];
    assert_eq!(b.profile.organisation.value, a.profile.organisation.value);
    // Version 2 is version 1 read and edited: one history, nothing asked
    // about fields the v1 file never changed since.
    assert_eq!(merge_mode(b, a), MergeMode::Causal);
    assert!(conflicts(b, a).is_empty(), "{:?}", conflicts(b, a));

    // Version 3 is the version 2 sample read and written by this version:
    // the same answers, every live version included.
    let v3 = include_bytes!("fixtures/export-v3.json");
    let file3 = parse_import(v3, framework()).expect("version 3 sample imports");
    assert_eq!(file3.version, 3);
    let c = &file3.assessments[0];
    for field in Field::all(element_ids()) {
        let values = |x: &Assessment| {
            field
                .values(x)
                .into_iter()
                .map(|v| (format!("{:?}", v.value), v.at))
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(values(b), values(c), "{field:?}");
        assert_eq!(field.get(b), field.get(c), "{field:?}");
    }
    assert_eq!(b.rounds, c.rounds);
    assert_eq!(b.conflicted_fields(), c.conflicted_fields());
    assert_eq!(merge_mode(c, b), MergeMode::Causal);
    assert!(conflicts(c, b).is_empty() && conflicts(b, c).is_empty());
    assert_eq!(
        b.merged(c).seen(),
        c.seen(),
        "one history: nothing new either way"
    );
}
