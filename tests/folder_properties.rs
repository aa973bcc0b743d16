//! Property test of working through a shared folder (native): up to four
//! people, one joining by opening another's file as new, run random
//! sequences of edits, saving their replica file into the folder, opening
//! every file in it in any order, reloads, and what sync clients do to a
//! folder (a stale conflict copy left beside a file, a file still being
//! copied, the same file listed twice). Checked: a partial file is always
//! named and never merged; once everyone has saved and opened the folder,
//! every copy shows the same versions of every answer, whatever the order;
//! an edit nobody else touched reaches everyone. The same holds when every
//! browser keeps the folder connected and so reads only files that are new
//! or changed (`folder_sync::Seen`), never its own.
#![cfg(not(target_arch = "wasm32"))]

use inclusion_framework::content::framework;
use inclusion_framework::model::folder_sync::{Listed, Seen};
use inclusion_framework::model::replicas::{classify, replica_file_name, FolderFile, Skip};
use inclusion_framework::model::{decode, encode, export, Edit, Field, FieldValue, Rating};
use inclusion_framework::model::{Progress, Stamp, Workspace};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Step {
    /// Person, element (of the first three, so edits meet), field kind, text, rating.
    Edit(usize, usize, u8, String, Rating),
    Save(usize),
    /// Person opens the folder's files, listed in an order given by the seed.
    Open(usize, u64),
    /// A sync client leaves a copy of someone's file as it is now.
    ConflictCopy(usize),
    /// Someone's next file is half-copied when listed.
    Partial(usize),
    Reload(usize),
}

fn step(people: usize) -> impl Strategy<Value = Step> {
    let p = move || 0..people;
    prop_oneof![
        8 => (p(), 0usize..3, 0u8..3, "[a-c]{0,4}", prop::sample::select(Rating::ALL.to_vec()))
            .prop_map(|(w, e, k, t, r)| Step::Edit(w, e, k, t, r)),
        3 => p().prop_map(Step::Save),
        3 => (p(), any::<u64>()).prop_map(|(w, s)| Step::Open(w, s)),
        1 => p().prop_map(Step::ConflictCopy),
        1 => p().prop_map(Step::Partial),
        1 => p().prop_map(Step::Reload),
    ]
}

fn edit(element: usize, kind: u8, text: &str, rating: Rating) -> Edit {
    let id = ["1.1", "1.2", "2.1"][element].to_string();
    match kind {
        0 => Edit::Rating(id, rating),
        1 => Edit::Note(id, text.to_string()),
        _ => Edit::Progress(id, Progress::ALL[text.len() % Progress::ALL.len()]),
    }
}

/// The folder: file name to contents.
type Folder = BTreeMap<String, String>;

fn replica_name(who: usize) -> String {
    replica_file_name("Team", &format!("Person {who}"), &format!("r{who}"))
}

fn save(w: &Workspace, who: usize, folder: &mut Folder, t: i64) {
    let text = export(std::slice::from_ref(w.current()), "test", t);
    folder.insert(replica_name(who), text);
}

/// Lists the folder in a shuffled order (one file listed twice, as a
/// listing can during a sync), a file still being copied given as half.
fn listing(folder: &Folder, seed: u64, partial: Option<&str>) -> Vec<(FolderFile, u64)> {
    let mut files: Vec<(FolderFile, u64)> = folder
        .iter()
        .map(|(name, text)| {
            // A modification time that changes only when the contents do:
            // the fewest re-reads a real folder could give.
            let modified = text.bytes().fold(14_695_981_039_346_656_037u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(1_099_511_628_211)
            });
            let bytes = text.as_bytes().to_vec();
            let bytes = if Some(name.as_str()) == partial {
                bytes[..bytes.len() / 2].to_vec()
            } else {
                bytes
            };
            let file = FolderFile {
                name: name.clone(),
                size: bytes.len() as u64,
                bytes,
            };
            (file, modified)
        })
        .collect();
    if let Some(first) = files.first().cloned() {
        files.push(first);
    }
    let mut state = seed | 1;
    for i in (1..files.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        files.swap(i, (state % (i as u64 + 1)) as usize);
    }
    files
}

/// Opens the folder by hand (every file), or as a connected browser does
/// (`seen`: only files new or changed since, never its own).
fn open(
    w: &mut Workspace,
    files: Vec<(FolderFile, u64)>,
    seen: Option<&mut Seen>,
    own: &str,
) -> Vec<String> {
    let listed: Vec<Listed> = files
        .iter()
        .map(|(f, modified)| Listed {
            name: f.name.clone(),
            size: f.size,
            modified: *modified,
        })
        .collect();
    let files: Vec<FolderFile> = match &seen {
        None => files.into_iter().map(|(f, _)| f).collect(),
        Some(seen) => {
            let wanted: Vec<String> = seen
                .to_read(&listed, own)
                .into_iter()
                .map(|l| l.name.clone())
                .collect();
            files
                .into_iter()
                .map(|(f, _)| f)
                .filter(|f| wanted.contains(&f.name))
                .collect()
        }
    };
    let listing = classify(files, framework());
    let skipped = listing
        .skipped
        .iter()
        .filter(|s| s.why == Skip::Partial)
        .map(|s| s.file.clone())
        .collect();
    let (_, done) = w.merge_folder(&listing.good);
    match seen {
        None => skipped,
        // What the page names: every file left alone so far and unchanged.
        Some(seen) => {
            seen.record(&listed, own, &listing, &done);
            seen.skipped()
                .into_iter()
                .filter(|s| s.why == Skip::Partial)
                .map(|s| s.file)
                .collect()
        }
    }
}

/// Every field's live values, as a copy shows them (ids, names and
/// writers differ from copy to copy; the answers must not).
fn shown(w: &Workspace) -> Vec<(Field, Vec<FieldValue>)> {
    let a = w.current();
    let ids = framework().elements().map(|e| e.id.clone());
    Field::all(ids)
        .into_iter()
        .filter(|f| *f != Field::Name)
        .map(|f| {
            let mut values: Vec<FieldValue> = f.values(a).into_iter().map(|v| v.value).collect();
            values.sort_by_key(|v| format!("{v:?}"));
            (f, values)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn colleagues_through_one_folder_converge_whatever_the_order(
        people in 2usize..5,
        steps in prop::collection::vec(step(4), 0..40),
        last_seeds in any::<[u64; 4]>(),
    ) {
        run(people, &steps, last_seeds, false)?;
    }

    #[test]
    fn connected_browsers_reading_only_changed_files_converge_too(
        people in 2usize..5,
        steps in prop::collection::vec(step(4), 0..40),
        last_seeds in any::<[u64; 4]>(),
    ) {
        run(people, &steps, last_seeds, true)?;
    }
}

fn own_id(who: usize) -> String {
    format!("r{who}")
}

fn run(
    people: usize,
    steps: &[Step],
    last_seeds: [u64; 4],
    connected: bool,
) -> Result<(), TestCaseError> {
    let s0 = Stamp::at(0);
    let mut first = Workspace::fresh("team", &s0);
    first.current_mut().apply(Edit::Name("Team".into()), &s0);
    let mut folder = Folder::new();
    save(&first, 0, &mut folder, 0);
    // The others join by opening the first person's file as new.
    let joined = export(std::slice::from_ref(first.current()), "test", 0);
    let joined = inclusion_framework::model::parse_import(joined.as_bytes(), framework()).unwrap();
    let mut browsers: Vec<Workspace> = vec![first];
    for who in 1..people {
        let mut w = Workspace::fresh(format!("fresh-{who}"), &s0);
        w.import_new(&joined.assessments, "today", &s0, || format!("copy-{who}"));
        browsers.push(w);
    }
    let mut seen: Vec<Option<Seen>> = (0..people).map(|_| connected.then(Seen::default)).collect();
    let mut partial: Option<String> = None;
    let mut copies = 0;
    let mut lone: Vec<(usize, Edit)> = Vec::new();
    for (t, s) in steps.iter().enumerate() {
        let t = t as i64 + 1;
        let stamp = Stamp::at(t * 1000);
        match s.clone() {
            Step::Edit(who, e, k, text, r) if who < people => {
                let edit = edit(e, k, &text, r);
                browsers[who].current_mut().apply(edit.clone(), &stamp);
                lone.push((who, edit));
            }
            Step::Save(who) if who < people => save(&browsers[who], who, &mut folder, t),
            Step::Open(who, seed) if who < people => {
                let files = listing(&folder, seed, partial.as_deref());
                let skipped = open(&mut browsers[who], files, seen[who].as_mut(), &own_id(who));
                // (A connected browser never reads its own file.)
                let mine = replica_name(who);
                if let Some(p) = partial.as_ref().filter(|p| !connected || **p != mine) {
                    prop_assert!(skipped.contains(p), "a half-copied file is named");
                }
                partial = None;
            }
            Step::ConflictCopy(who) if who < people => {
                if let Some(text) = folder.get(&replica_name(who)).cloned() {
                    copies += 1;
                    let name = replica_name(who).replace(
                        ".inclusion.json",
                        &format!("-DESKTOP-{copies}.inclusion.json"),
                    );
                    folder.insert(name, text);
                }
            }
            Step::Partial(who) if who < people && folder.contains_key(&replica_name(who)) => {
                partial = Some(replica_name(who));
            }
            Step::Reload(who) if who < people => {
                let w = &browsers[who];
                browsers[who] = decode(&encode(w, t)).unwrap().workspace;
                seen[who] = connected.then(Seen::default);
            }
            _ => {}
        }
    }
    // Everyone saves, then everyone opens the folder, each listing it
    // in its own order: every copy then shows the same answers.
    for (who, w) in browsers.iter().enumerate() {
        save(w, who, &mut folder, 1_000);
    }
    for (who, w) in browsers.iter_mut().enumerate() {
        open(
            w,
            listing(&folder, last_seeds[who], None),
            seen[who].as_mut(),
            &own_id(who),
        );
    }
    let everyone = shown(&browsers[0]);
    for (who, w) in browsers.iter().enumerate().skip(1) {
        prop_assert_eq!(
            &shown(w),
            &everyone,
            "person {} is in step with person 0",
            who
        );
    }
    // Opening again changes nothing.
    let again = browsers[0].clone();
    open(
        &mut browsers[0],
        listing(&folder, 7, None),
        seen[0].as_mut(),
        &own_id(0),
    );
    prop_assert_eq!(shown(&browsers[0]), shown(&again));
    // An edit that was its field's last, made by one person, with no
    // one else writing that field, reaches everyone.
    for (who, edit) in &lone {
        let field = field_of(edit);
        let others_wrote = lone.iter().any(|(w, e)| w != who && field_of(e) == field);
        let last = lone
            .iter()
            .rev()
            .find(|(_, e)| field_of(e) == field)
            .map(|(_, e)| e);
        if !others_wrote && last == Some(edit) {
            let mut probe = browsers[*who].clone();
            probe.current_mut().apply(edit.clone(), &Stamp::at(99_999));
            let value = field.get(probe.current());
            for w in &browsers {
                prop_assert_eq!(
                    field.get(w.current()),
                    value.clone(),
                    "{:?} reached everyone",
                    field
                );
            }
        }
    }
    Ok(())
}

fn field_of(edit: &Edit) -> Field {
    match edit {
        Edit::Rating(id, _) => Field::Rating(id.clone()),
        Edit::Note(id, _) => Field::Note(id.clone()),
        Edit::Progress(id, _) => Field::Progress(id.clone()),
        other => unreachable!("{other:?}"),
    }
}
