use account_lens_engine::{
    Category, CategoryEstimates, Estimate, PlanSettings, SettingRow, Settings,
};
use yew::prelude::*;

use crate::state::{percent_text, Action, PlanChange};

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub settings: Settings,
    /// The time plan's settings (its default estimates are edited here).
    pub plan: PlanSettings,
    pub on_action: Callback<Action>,
}

/// Every threshold of the rules, each changed in place: the review follows as the user types.
#[component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let defaults = Settings::default().rows();
    let rows = props
        .settings
        .rows()
        .into_iter()
        .zip(defaults)
        .map(|(row, default)| setting(&row, &default, &props.on_action));
    let on_reset = props
        .on_action
        .reform(|_: MouseEvent| Action::ResetSettings);
    let changed = props.settings != Settings::default();
    html! {
        <section class="settings" aria-labelledby="settings-title">
            <h3 id="settings-title">{ "Settings" }</h3>
            <p class="hint">{ "Every threshold of the rules. A change re-sorts the accounts at once, is kept in this browser and written to the export's Settings sheet." }</p>
            <div class="setting-list">{ for rows }</div>
            <button type="button" class="secondary" onclick={on_reset} disabled={!changed}>{ "Reset to defaults" }</button>
            <PlanDefaults defaults={props.plan.defaults} on_action={props.on_action.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PlanDefaultsProps {
    defaults: CategoryEstimates,
    on_action: Callback<Action>,
}

/// The time plan's default estimates by category, in percent of today's sales: every account
/// without its own (or its sheet's) takes those of its category.
#[component]
fn PlanDefaults(props: &PlanDefaultsProps) -> Html {
    let standard = CategoryEstimates::default();
    let rows = Category::ALL.iter().map(|&category| {
        let cells = Estimate::ALL.iter().map(|&which| {
            let id = format!("default-{}-{}", category.key(), which.key());
            let oninput = {
                let on_action = props.on_action.clone();
                Callback::from(move |e: InputEvent| {
                    let value = e
                        .target_dyn_into::<web_sys::HtmlInputElement>()
                        .and_then(|input| input.value().trim().replace(',', ".").parse::<f64>().ok())
                        .filter(|v| v.is_finite());
                    if let Some(value) = value {
                        on_action.emit(Action::Plan(PlanChange::Default {
                            category,
                            which,
                            value: value / 100.0,
                        }));
                    }
                })
            };
            let shown = percent_text(props.defaults.get(category).get(which));
            let default = percent_text(standard.get(category).get(which));
            html! {
                <td>
                    <input type="number" id={id} step="any" value={shown} {oninput}
                        aria-label={format!("{}: {} (default {default}%)", category.label(), which.label())} />
                </td>
            }
        });
        html! {
            <tr>
                <th scope="row">{ category.label() }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <>
            <h3 id="plan-defaults-title">{ "Time plan estimates" }</h3>
            <p class="hint">{ "Sales in percent of today's for each category's accounts: with no time, half today's time, 50% more, and at saturation. An account's own estimates (set in the Time plan) or its sheet's columns come first." }</p>
            <table class="accounts-table plan-defaults" aria-labelledby="plan-defaults-title">
                <thead><tr>
                    <th scope="col">{ "Category" }</th>
                    <th scope="col">{ "No time" }</th>
                    <th scope="col">{ "Half the time" }</th>
                    <th scope="col">{ "50% more time" }</th>
                    <th scope="col">{ "Saturation" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </>
    }
}

/// A setting as the user reads and types it: shares in percent.
pub fn shown_value(row: &SettingRow) -> String {
    let value = if row.percent {
        row.value * 100.0
    } else {
        row.value
    };
    // Rounded to what anyone types, so 0.1 × 100 reads 10, not 10.000000000000002.
    let rounded = (value * 1e6).round() / 1e6;
    format!("{rounded}")
}

/// What the user typed, as the setting's value; None while it is not a number yet ("-", "").
pub fn typed_value(row: &SettingRow, text: &str) -> Option<f64> {
    let value: f64 = text.trim().replace(',', ".").parse().ok()?;
    value
        .is_finite()
        .then_some(if row.percent { value / 100.0 } else { value })
}

fn setting(row: &SettingRow, default: &SettingRow, on_action: &Callback<Action>) -> Html {
    let id = format!("setting-{}", row.key);
    let key = row.key;
    let unit_row = row.clone();
    let on_action = on_action.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let text = e
            .target_dyn_into::<web_sys::HtmlInputElement>()
            .map(|input| input.value())
            .unwrap_or_default();
        // Half-typed ("-", ""): nothing changes until it is a number.
        if let Some(value) = typed_value(&unit_row, &text) {
            on_action.emit(Action::Setting {
                key: key.to_string(),
                value,
            });
        }
    });
    let unit = if row.percent { "%" } else { "×" };
    html! {
        <div class="setting">
            <label for={id.clone()}>{ row.label }</label>
            <span class="input-unit">
                <input type="number" id={id} step="any" value={shown_value(row)} {oninput} />
                <span aria-hidden="true">{ unit }</span>
            </span>
            <span class="default">{ format!("default {}{unit}", shown_value(default)) }</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn shares_are_shown_and_typed_in_percent() {
        let settings = Settings::default();
        let rows = settings.rows();
        let at_risk = rows.iter().find(|r| r.key == "at_risk_growth").unwrap();
        assert_eq!(shown_value(at_risk), "-10");
        assert_eq!(typed_value(at_risk, "-5"), Some(-0.05));
        assert_eq!(typed_value(at_risk, " -7,5 "), Some(-0.075));
        assert_eq!(typed_value(at_risk, "-"), None);
        assert_eq!(typed_value(at_risk, ""), None);
        let ratio = rows.iter().find(|r| r.key == "time_sink_ratio").unwrap();
        assert_eq!(shown_value(ratio), "2");
        assert_eq!(typed_value(ratio, "2.5"), Some(2.5));
    }
}
