//! Compare organisations: many exported files at once, read-only, filtered,
//! sorted, counted, exported and printed. Files are read in this tab only.

use crate::components::focus::focus_later;
use crate::components::rating::RatingTag;
use crate::content::framework;
use crate::files;
use crate::markup::plain_text;
use crate::model::rollup::{
    dedupe, element_counts, organisations_across, pillar_rollup, table, view as rollup_view,
    weakest_first, OrgRow, SortBy, DUPLICATE_RULE, WEAKEST_RULE,
};
use crate::model::table::csv_cell;
use crate::model::xlsx::{workbook, Sheet};
use crate::model::{OrgType, Rating};
use crate::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn ComparePage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let problems = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(String::from("name"));
    // The same assessment opened twice counts once (see `dedupe`).
    let deduped = Memo::new(move |_| state.rollup.with(|files| dedupe(fw, files)));
    let all_rows = Memo::new(move |_| deduped.with(|d| d.0.clone()));
    let duplicates = Memo::new(move |_| deduped.with(|d| d.1.clone()));
    let shown = Memo::new(move |_| {
        let kind = OrgType::from_key(&filter.get());
        let by = match sort.get().as_str() {
            "name" => SortBy::Name,
            other => SortBy::Element(other.parse().unwrap_or(0)),
        };
        all_rows.with(|r| rollup_view(r, kind, by))
    });

    // What "Clear the comparison" took away, until undone or more files open.
    let cleared = RwSignal::new(None::<Vec<(String, crate::model::ExportFile)>>);
    let take_files = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let (good, bad) = files::read_exports(list).await;
            if !good.is_empty() {
                cleared.set(None);
            }
            state.rollup.update(|files| files.extend(good));
            let any_bad = !bad.is_empty();
            problems.set(bad);
            if any_bad {
                focus_later("rollup-errors");
            }
        });
    };
    files::on_drop_files(take_files);

    let stem = move || format!("organisations-compared-{}", today());
    let export_csv = move |_| {
        let text: String = shown
            .with(|r| table(fw, r))
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| csv_cell(c))
                    .collect::<Vec<_>>()
                    .join(",")
                    + "\r\n"
            })
            .collect();
        files::download(
            &format!("{}.csv", stem()),
            "text/csv;charset=utf-8",
            format!("\u{feff}{text}").as_bytes(),
        );
    };
    let export_xlsx = move |_| {
        let sheet = Sheet {
            name: "Organisations".into(),
            widths: [34.0, 24.0, 24.0, 12.0]
                .into_iter()
                .chain(std::iter::repeat_n(16.0, 17))
                .collect(),
            bold_rows: vec![0],
            nowrap_rows: Vec::new(),
            rows: shown.with(|r| table(fw, r)),
            freeze_rows: 1,
            typed: true,
            ..Default::default()
        };
        files::download(
            &format!("{}.xlsx", stem()),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &workbook(&[sheet]),
        );
    };
    let ids: Vec<&'static str> = fw.elements().map(|e| e.id.as_str()).collect();
    let sort_ids = ids.clone();
    // The person's choice of layout, if they made one; otherwise the model's.
    let layout = RwSignal::new(None::<bool>);
    let across = Memo::new(move |_| {
        layout
            .get()
            .unwrap_or_else(|| shown.with(|r| organisations_across(r.len(), fw.elements().count())))
    });
    let clear = move |_| {
        let files = state.rollup.get_untracked();
        state.rollup.set(Vec::new());
        problems.set(Vec::new());
        cleared.set(Some(files));
        focus_later("rollup-cleared");
    };
    let undo_clear = move |_| {
        if let Some(files) = cleared.get_untracked() {
            state.rollup.set(files);
            cleared.set(None);
            focus_later("rollup-count");
        }
    };

    view! {
        <div class="app-compare">
        <h1 tabindex="-1">"Compare organisations"</h1>
        <p class="nhsuk-lede-text">"Open several organisations’ exported files to see their self-assessments side by side."</p>
        <div class="nhsuk-inset-text app-no-print">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>"The files are read in this tab only. Nothing is sent anywhere or saved: the comparison is kept until you clear it or close the tab. It does not change your own assessments."</p>
        </div>
        {move || {
            let bad = problems.get();
            (!bad.is_empty()).then(|| view! {
                <div class="nhsuk-error-summary" aria-labelledby="rollup-errors-title" role="alert" tabindex="-1" id="rollup-errors">
                    <h2 class="nhsuk-error-summary__title" id="rollup-errors-title">
                        {format!("{} {} could not be opened", bad.len(), if bad.len() == 1 { "file" } else { "files" })}
                    </h2>
                    <div class="nhsuk-error-summary__body">
                        <p>"The other files were opened."</p>
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {bad.into_iter().map(|p| view! { <li><a href="#/compare?to=rollup-files">{p}</a></li> }).collect_view()}
                        </ul>
                    </div>
                </div>
            })
        }}
        <div class="nhsuk-form-group nhsuk-file-upload app-no-print">
            <label class="nhsuk-label" for="rollup-files">"Choose exported files"</label>
            <div class="nhsuk-hint" id="rollup-files-hint">"Select several .json files at once, or drag them onto this page."</div>
            <input class="nhsuk-file-upload__input app-file-input" id="rollup-files" type="file" accept=".json,application/json" multiple
                aria-describedby="rollup-files-hint"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    take_files(files::list(input.files()));
                    input.set_value("");
                } />
        </div>
        {move || cleared.with(|c| c.as_ref().map(|files| {
            let n = files.len();
            view! {
                <div class="nhsuk-inset-text app-no-print" id="rollup-cleared" tabindex="-1" role="status">
                    <p>
                        {format!("You cleared the comparison: {n} {} closed. ", if n == 1 { "file was" } else { "files were" })}
                        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" id="rollup-undo" on:click=undo_clear>
                            "Undo"<span class="nhsuk-u-visually-hidden">": open them again"</span>
                        </button>
                    </p>
                </div>
            }
        }))}
        {move || {
            let total = all_rows.with(Vec::len);
            if total == 0 {
                let never = cleared.with(Option::is_none);
                return view! { <p id="rollup-empty">{if never { "No files opened yet." } else { "No files open." }}</p> }.into_any();
            }
            let ids = ids.clone();
            let sort_ids = sort_ids.clone();
            view! {
                <p id="rollup-count">{move || format!("Showing {} of {} organisations.", shown.with(Vec::len), total)}</p>
                <div class="app-inline-fields">
                    <div class="nhsuk-form-group app-inline-field">
                        <label class="nhsuk-label" for="rollup-filter">"Type of organisation"</label>
                        <select class="nhsuk-select" id="rollup-filter" on:change=move |ev| filter.set(event_target_value(&ev))>
                            <option value="" selected=move || filter.get().is_empty()>"All types"</option>
                            {OrgType::ALL.iter().map(|t| view! { <option value=t.key() selected=move || filter.get() == t.key()>{t.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="nhsuk-form-group app-inline-field">
                        <label class="nhsuk-label" for="rollup-sort">"Sort organisations by"</label>
                        <select class="nhsuk-select" id="rollup-sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                            <option value="name">"Organisation name"</option>
                            {sort_ids.iter().enumerate().map(|(i, id)| view! { <option value=i.to_string()>{format!("Element {id} (in place first)")}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                {move || {
                    let dups = duplicates.get();
                    (!dups.is_empty()).then(|| view! {
                        <div class="nhsuk-inset-text" id="rollup-duplicates">
                            <span class="nhsuk-u-visually-hidden">"Information: "</span>
                            <p>{format!("{} {} opened from more than one file, so each is shown once. {DUPLICATE_RULE}",
                                dups.len(), if dups.len() == 1 { "assessment was" } else { "assessments were" })}</p>
                            <ul class="nhsuk-list nhsuk-list--bullet nhsuk-body-s">
                                {dups.into_iter().map(|d| view! {
                                    <li>{format!("{}: merged from {}", d.label, d.files.join(", "))}</li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
                <h2 id="element-view">"Elements across organisations, weakest first"</h2>
                <p class="nhsuk-body-s">{WEAKEST_RULE}" The counts follow the type of organisation chosen."</p>
                <div class="app-table-scroll" tabindex="0" role="region" aria-label="Elements across organisations, table">
                    <table class="nhsuk-table" id="element-table">
                        <caption class="nhsuk-table__caption">"Ratings of each element across the organisations shown"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">"Element"</th>
                            {Rating::ALL.iter().map(|r| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{r.label()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody class="nhsuk-table__body">
                            {move || shown.with(|r| weakest_first(fw, r)).into_iter().map(|line| {
                                let statement = fw.element(&line.element).map(|e| plain_text(&e.self_assessment)).unwrap_or_default();
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <th scope="row" class="nhsuk-table__header app-element-name"><strong>{line.element.clone()}</strong>{format!(" {statement}")}</th>
                                        {line.counts.iter().map(|n| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{*n}</td> }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <h2 id="pillar-view">"Pillars across organisations"</h2>
                <div class="app-table-scroll" tabindex="0" role="region" aria-label="Pillars across organisations, table">
                    <table class="nhsuk-table" id="pillar-rollup-table">
                        <caption class="nhsuk-table__caption">"Ratings of each pillar’s elements across the organisations shown"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header">"Pillar"</th>
                            {Rating::ALL.iter().map(|r| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{r.label()}</th> }).collect_view()}
                            <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Ratings in all"</th>
                        </tr></thead>
                        <tbody class="nhsuk-table__body">
                            {move || shown.with(|r| pillar_rollup(fw, r)).into_iter().map(|line| {
                                let title = fw.pillar(line.pillar).map(|p| p.title.clone()).unwrap_or_default();
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <th scope="row" class="nhsuk-table__header">{format!("{}. {title}", line.pillar)}</th>
                                        {line.counts.iter().map(|n| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{*n}</td> }).collect_view()}
                                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{line.total}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <section class="app-rollup-wrap" aria-labelledby="organisation-view">
                <h2 id="organisation-view">"Organisations by element"</h2>
                <div class="nhsuk-form-group app-no-print">
                    <fieldset class="nhsuk-fieldset">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Show the organisations"</legend>
                        <div class="nhsuk-radios nhsuk-radios--inline">
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="rollup-layout-across" name="rollup-layout" type="radio"
                                    prop:checked=move || across.get() on:change=move |_| layout.set(Some(true)) />
                                <label class="nhsuk-label nhsuk-radios__label" for="rollup-layout-across">"Across the top"</label>
                            </div>
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="rollup-layout-rows" name="rollup-layout" type="radio"
                                    prop:checked=move || !across.get() on:change=move |_| layout.set(Some(false)) />
                                <label class="nhsuk-label nhsuk-radios__label" for="rollup-layout-rows">"Down the side"</label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                {move || if across.get() {
                    view! { <ByElement shown /> }.into_any()
                } else {
                    let ids = ids.clone();
                    view! {
                <div class="app-table-scroll" tabindex="0" role="region" aria-label="Organisations by element, table">
                    <table class="nhsuk-table app-rollup" id="rollup-table">
                        <caption class="nhsuk-table__caption">"Self-assessment ratings by organisation"</caption>
                        <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                            <th scope="col" class="nhsuk-table__header app-rollup__org">"Organisation"</th>
                            <th scope="col" class="nhsuk-table__header app-rollup__type">"Type"</th>
                            {ids.iter().map(|id| {
                                let statement = fw.element(id).map(|e| e.self_assessment.as_str()).unwrap_or_default();
                                let full = plain_text(statement);
                                view! {
                                    <th scope="col" class="nhsuk-table__header app-rollup__element" title=full.clone()>
                                        <span aria-hidden="true"><strong>{*id}</strong><br /><span class="app-rollup__short">{fw.element(id).map(|e| e.short_title.clone()).unwrap_or_default()}</span></span>
                                        <span class="nhsuk-u-visually-hidden">{format!("{id} {full}")}</span>
                                    </th>
                                }
                            }).collect_view()}
                        </tr></thead>
                        <tbody class="nhsuk-table__body">
                            // Keyed rows: re-sorting and filtering move rows instead of redrawing them.
                            <For each=move || shown.get() key=|r: &OrgRow| r.key.clone() let:r>
                                <tr class="nhsuk-table__row">
                                    <th scope="row" class="nhsuk-table__header app-rollup__org">{r.label().to_string()}<span class="nhsuk-body-s app-rollup__file">{format!(" ({})", r.file)}</span></th>
                                    <td class="nhsuk-table__cell">{r.org_type.map(|t| t.label()).unwrap_or("Not given")}</td>
                                    {(0..r.ratings.len()).map(|i| view! { <RatingCell row=r.clone() i /> }).collect_view()}
                                </tr>
                            </For>
                        </tbody>
                        <tfoot>
                            {move || {
                                let counts = shown.with(|r| element_counts(r, 17));
                                Rating::ALL.iter().enumerate().map(|(i, rating)| view! {
                                    <tr class="nhsuk-table__row app-rollup__count">
                                        // In the sticky column, so the label stays beside its counts as they scroll.
                                        <th scope="row" class="nhsuk-table__header app-rollup__org">{format!("Number {}", rating.label().to_lowercase())}</th>
                                        <td class="nhsuk-table__cell"></td>
                                        {counts.iter().map(|c| view! { <td class="nhsuk-table__cell">{c[i]}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()
                            }}
                        </tfoot>
                    </table>
                </div>
                    }.into_any()
                }}
                </section>
                <div class="app-button-group">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="rollup-csv" on:click=export_csv>"Download CSV"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="rollup-xlsx" on:click=export_xlsx>"Download spreadsheet (.xlsx)"</button>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                </div>
                <p class="app-no-print">
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="rollup-clear" on:click=clear>"Clear the comparison"</button>
                    <span class="nhsuk-body-s app-clear-hint">" Closes every file opened here (you can undo it). Your own assessments are not touched."</span>
                </p>
            }.into_any()
        }}
        </div>
    }
}

/// One organisation's rating of element `i`, in either layout.
#[component]
fn RatingCell(row: OrgRow, i: usize) -> impl IntoView {
    match row.versions_of(i) {
        // Two versions: said in words, never one picked by order.
        Some(_) => view! {
            <td class="nhsuk-table__cell app-rollup__unsettled">
                <strong class="nhsuk-tag nhsuk-tag--white">"Two versions"</strong>
                <span class="nhsuk-body-s">{format!(" {}", row.rating_words(i).trim_start_matches("Two versions: "))}</span>
            </td>
        }
        .into_any(),
        None => {
            let rating = row.ratings.get(i).copied().unwrap_or_default();
            view! { <td class="nhsuk-table__cell"><RatingTag rating /></td> }.into_any()
        }
    }
}

/// Elements down the side, organisations across the top: for a regional
/// set smaller than the framework, so every organisation is in view.
#[component]
fn ByElement(shown: Memo<Vec<OrgRow>>) -> impl IntoView {
    let fw = framework();
    view! {
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="Organisations by element, table">
            <table class="nhsuk-table app-rollup app-rollup--across" id="rollup-by-element">
                <caption class="nhsuk-table__caption">"Self-assessment ratings by element, one column per organisation"</caption>
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header app-rollup__org">"Element"</th>
                    {move || shown.get().into_iter().map(|r| view! {
                        <th scope="col" class="nhsuk-table__header app-rollup__column">
                            {r.label().to_string()}
                            <span class="nhsuk-body-s app-rollup__file">{format!(" ({})", r.file)}</span>
                            <span class="nhsuk-body-s app-rollup__file app-rollup__kind">{r.org_type.map(|t| t.label()).unwrap_or("Type not given")}</span>
                        </th>
                    }).collect_view()}
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    {move || {
                        // The counts per element are the table above ("Elements
                        // across organisations"): here every column is an
                        // organisation, so a regional set fits the screen.
                        let rows = shown.get();
                        fw.elements().enumerate().map(|(i, e)| {
                            let full = plain_text(&e.self_assessment);
                            view! {
                                <tr class="nhsuk-table__row">
                                    <th scope="row" class="nhsuk-table__header app-rollup__org" title=full.clone()>
                                        <span aria-hidden="true"><strong>{e.id.clone()}</strong>" "{e.short_title.clone()}</span>
                                        <span class="nhsuk-u-visually-hidden">{format!("{} {full}", e.id)}</span>
                                    </th>
                                    {rows.iter().map(|r| view! { <RatingCell row=r.clone() i /> }).collect_view()}
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
