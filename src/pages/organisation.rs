//! The organisation profile of the open assessment.

use super::target_date::{AssessedOn, DateChecks, DateErrorSummary};
use super::working_on::WorkingOn;
use crate::components::fields::{Radios, TextInput};
use crate::components::versions::Versions;
use crate::model::{Edit, Field, OrgType};
use crate::route::Page;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let profile = Memo::new(move |_| state.workspace.with(|w| w.current().profile.clone()));
    let text =
        move |f: fn(&crate::model::Profile) -> String| Signal::derive(move || profile.with(f));
    let org_type =
        Signal::derive(move || profile.with(|p| p.org_type.value.map(|t| t.key()).unwrap_or("")));
    let mut options: Vec<(&'static str, &'static str)> =
        OrgType::ALL.iter().map(|t| (t.key(), t.label())).collect();
    options.push(("", "Not stated"));
    DateChecks::provide();
    view! {
        <DateErrorSummary />
        <h1 tabindex="-1">"Organisation details"</h1>
        <WorkingOn />
        <p>"These details head the summary and anything you print or share. All are optional."</p>
        <Versions id="versions-organisation".to_string() fields=vec![Field::Organisation, Field::OrgType, Field::CompletedBy, Field::AssessedOn] />
        <TextInput
            id="organisation-name".to_string()
            label=|| "Organisation name"
            value=text(|p| p.organisation.value.clone())
            on_input=Callback::new(move |v| state.edit(Edit::Organisation(v)))
            autocomplete="organization"
        />
        <div class="nhsuk-form-group">
            <Radios
                name="organisation-type".to_string()
                legend=|| "Type of organisation"
                legend_class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m"
                options=options
                selected=org_type
                on_change=Callback::new(move |key: &'static str| {
                    state.edit(Edit::OrgType(OrgType::from_key(key)))
                })
            />
        </div>
        <TextInput
            id="completed-by".to_string()
            label=|| "Who completed it"
            hint="A role or team, such as “EDI lead and LGBTQ+ staff network chair”."
            value=text(|p| p.completed_by.value.clone())
            on_input=Callback::new(move |v| state.edit(Edit::CompletedBy(v)))
        />
        <AssessedOn />
        <p>
            <a class="nhsuk-button" href=Page::Tasks.href() role="button" draggable="false" on:click=DateChecks::gate()>
                "Save and continue"
                <span class="nhsuk-u-visually-hidden">": back to your tasks"</span>
            </a>
        </p>
    }
}
