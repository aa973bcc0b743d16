//! The open assessment as a task list (the NHS.UK task list pattern): the
//! organisation details, then each pillar's self-assessment and progress,
//! with statuses in words and a link to continue where the user left off.

use super::connected_folder::FolderLine;
use super::working_on::WorkingOn;
use crate::components::versions::VersionsNotice;
use crate::content::framework;
use crate::model::{continue_at, pillar_tasks, profile_status, Continue, TaskStatus};
use crate::route::{progress_link, rate_link, Location, Page, Step};
use crate::state::AppState;
use leptos::prelude::*;

/// A status tag: words always; colour follows the NHS task list.
fn status_tag(status: TaskStatus, id: String) -> impl IntoView {
    let class = match status {
        TaskStatus::NotStarted => "nhsuk-tag nhsuk-tag--blue",
        TaskStatus::InProgress => "nhsuk-tag nhsuk-tag--light-blue",
        TaskStatus::Completed => "",
    };
    view! {
        <div class="nhsuk-task-list__status" class:nhsuk-task-list__status--completed=status == TaskStatus::Completed id=id>
            {if status == TaskStatus::Completed {
                view! { <span>{status.label()}</span> }.into_any()
            } else {
                view! { <strong class=class>{status.label()}</strong> }.into_any()
            }}
        </div>
    }
}

/// One row of the task list: a link, a hint and a status.
fn task(id: String, name: String, href: String, hint: String, status: TaskStatus) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let status_id = format!("{id}-status");
    view! {
        <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link" id=id>
            <div class="nhsuk-task-list__name-and-hint">
                <a class="nhsuk-link nhsuk-task-list__link" href=href aria-describedby=format!("{hint_id} {status_id}")>{name}</a>
                <div class="nhsuk-task-list__hint" id=hint_id>{hint}</div>
            </div>
            {status_tag(status, status_id)}
        </li>
    }
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fw = framework();
    let tasks = Memo::new(move |_| state.workspace.with(|w| pillar_tasks(fw, w.current())));
    let profile = Memo::new(move |_| state.workspace.with(|w| profile_status(w.current())));
    let rated = move || tasks.with(|t| t.iter().map(|p| p.rated).sum::<usize>());
    let recorded = move || tasks.with(|t| t.iter().map(|p| p.recorded).sum::<usize>());
    let total = fw.elements().count();
    let next = move || {
        tasks.with(|t| match continue_at(t) {
            Some(Continue::Rate(id)) => (format!("Continue: rate element {id}"), rate_link(&id)),
            Some(Continue::Record(id)) => (
                format!("Continue: record progress on {id}"),
                progress_link(&id),
            ),
            None => ("See the summary".to_string(), Page::Summary.href()),
        })
    };
    let pillar_rows = move |progress: bool| {
        move || {
            tasks.with(|t| {
                t.iter()
                    .map(|p| {
                        let title = fw
                            .pillar(p.pillar)
                            .map(|x| x.title.clone())
                            .unwrap_or_default();
                        let (kind, done, what, status) = if progress {
                            (
                                "progress",
                                p.recorded,
                                "recommendations with progress recorded",
                                p.progress_status(),
                            )
                        } else {
                            ("rate", p.rated, "elements rated", p.rating_status())
                        };
                        let page = if progress {
                            Page::Progress(Step::Pillar(p.pillar))
                        } else {
                            Page::SelfAssessment(Step::Pillar(p.pillar))
                        };
                        // In progress: straight to the first one still to do.
                        let next = if progress {
                            &p.next_to_record
                        } else {
                            &p.next_to_rate
                        };
                        let href = match (status, next) {
                            (TaskStatus::InProgress, Some(id)) if progress => progress_link(id),
                            (TaskStatus::InProgress, Some(id)) => rate_link(id),
                            _ => page.href(),
                        };
                        task(
                            format!("task-{kind}-{}", p.pillar),
                            format!("Pillar {}: {title}", p.pillar),
                            href,
                            format!("{done} of {} {what}", p.elements),
                            status,
                        )
                    })
                    .collect_view()
            })
        }
    };
    view! {
        <h1 tabindex="-1">"Complete your assessment"</h1>
        <WorkingOn panel=true />
        <VersionsNotice />
        <FolderLine />
        <p class="nhsuk-body" id="tasks-count">
            {move || format!("You have rated {} of {total} elements and recorded progress on {} of {total} recommendations.", rated(), recorded())}
        </p>
        <p>
            {move || {
                let (label, href) = next();
                view! { <a class="nhsuk-button" href=href role="button" draggable="false" id="tasks-continue">{label}</a> }
            }}
        </p>
        <h2 class="nhsuk-heading-m">"1. About your organisation"</h2>
        <ul class="nhsuk-task-list">
            {move || task(
                "task-organisation".into(),
                "Organisation details".into(),
                Page::Organisation.href(),
                "Name, type of organisation and date of assessment".into(),
                profile.get(),
            )}
        </ul>
        <h2 class="nhsuk-heading-m">"2. Self-assessment"</h2>
        <p class="nhsuk-body-s">"Rate each element: in place, work in progress or not in place."</p>
        <ul class="nhsuk-task-list">{pillar_rows(false)}</ul>
        <p><a href=Page::SelfAssessment(Step::Check).href() id="tasks-check-ratings">"Check your self-assessment answers"</a></p>
        <h2 class="nhsuk-heading-m">"3. Progress checklist"</h2>
        <p class="nhsuk-body-s">"Record progress, action to date and an action plan for each recommendation."</p>
        <ul class="nhsuk-task-list">{pillar_rows(true)}</ul>
        <p><a href=Page::Progress(Step::Check).href() id="tasks-check-progress">"Check your progress checklist answers"</a></p>
        <h2 class="nhsuk-heading-m">"4. Review and share"</h2>
        <ul class="nhsuk-list nhsuk-list--bullet">
            <li><a href=Page::Summary.href()>"See the summary"</a>": counts per pillar and where to focus first"</li>
            <li><a href=Page::Actions.href()>"Follow your actions"</a>": every next step with its owner and target date, overdue first"</li>
            <li><a href=Page::Rounds.href()>"Save a review round"</a>" to compare with later"</li>
            <li><a href=Page::Share.href()>"Save, share or print"</a></li>
            <li><a href=Location::at(Page::Share, "shared-folder").href() id="tasks-shared-folder">"Work with colleagues through a shared folder"</a>": everyone’s copies kept in step"</li>
        </ul>
    }
}
