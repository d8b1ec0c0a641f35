use account_lens_engine::format::{hours, money};
use account_lens_engine::{
    checklist, compare, trends, AccountChange, Category, Comparison, Shift, Snapshot, TrendWeek,
};
use yew::prelude::*;

use super::{picked_file, NextActions};
use crate::app::Command;
use crate::state::{Action, Open};

/// Accounts named under a checklist question before "and N more".
const FAILING_SHOWN: usize = 12;
/// Rows of the largest changes.
const CHANGES_SHOWN: usize = 15;
/// The value of "this week as it stands" in the week pickers.
const LIVE: &str = "now";

#[derive(Properties, PartialEq)]
pub struct WeeksViewProps {
    pub open: Open,
    pub busy: bool,
    pub on_action: Callback<Action>,
    pub on_command: Callback<Command>,
}

/// The weekly ritual: save this week's review, go through the checklist and the next
/// actions, see what moved since an earlier week and how the weeks run; back up everything.
#[component]
pub fn WeeksView(props: &WeeksViewProps) -> Html {
    let open = &props.open;
    let history = &open.saved.history;
    let this_week = open.today.iso_week();
    let live = use_memo((open.review.clone(), this_week), |(review, week)| {
        Snapshot::of(review, *week)
    });
    let saved_now = history.iter().any(|s| (s.iso_year, s.week) == this_week);
    let earlier: Vec<&Snapshot> = history
        .iter()
        .filter(|s| (s.iso_year, s.week) < this_week)
        .collect();
    let previous = earlier.last().copied();

    // The two weeks compared: by default the last saved week before this one against this
    // week as it stands.
    let older = use_state(|| None::<(i32, u32)>);
    let newer = use_state(|| None::<(i32, u32)>);
    let week_of = |key: (i32, u32)| history.iter().find(|s| (s.iso_year, s.week) == key);
    let older_snapshot: Option<&Snapshot> = (*older)
        .and_then(week_of)
        .or(previous)
        .or_else(|| history.first());
    let newer_snapshot: &Snapshot = (*newer).and_then(week_of).unwrap_or(&live);
    // A week is not compared with itself (the saved week against this week as it stands is
    // that, until next week).
    let moved: Option<Comparison> = older_snapshot
        .filter(|o| (o.iso_year, o.week) != (newer_snapshot.iso_year, newer_snapshot.week))
        .map(|o| compare(o, newer_snapshot));

    let on_save = props.on_action.reform(|_: MouseEvent| Action::SaveWeek);
    let week_label = format!("{}-W{:02}", this_week.0, this_week.1);

    let items = checklist(&open.review, previous, &open.saved.actions);
    let checks = items.iter().map(|item| {
        let (mark, state) = match item.passed {
            Some(true) => ("✓", "Yes"),
            Some(false) => ("✗", "No"),
            None => ("?", "Not known yet"),
        };
        let failing = item.failing.iter().take(FAILING_SHOWN).map(|name| {
            let account = name.clone();
            let onclick = props.on_action.reform(move |_: MouseEvent| Action::OpenAccount(account.clone()));
            html! { <li><button type="button" class="link" {onclick}>{ name.clone() }</button></li> }
        });
        html! {
            <li class={classes!("check", match item.passed { Some(true) => "passed", Some(false) => "failed", None => "unknown" })}>
                <span class="check-mark" aria-hidden="true">{ mark }</span>
                <span class="check-question">{ item.check.label() }</span>
                <span class="visually-hidden">{ format!(" {state}.") }</span>
                <span class="check-detail">{ format!(" {}", item.detail) }</span>
                if !item.failing.is_empty() && item.passed == Some(false) {
                    <ul class="failing" aria-label={format!("{} — the accounts", item.check.label())}>
                        { for failing }
                        if item.failing.len() > FAILING_SHOWN {
                            <li>{ format!("and {} more", item.failing.len() - FAILING_SHOWN) }</li>
                        }
                    </ul>
                }
            </li>
        }
    });

    let picker = |label: &'static str,
                  id: &'static str,
                  chosen: Option<(i32, u32)>,
                  with_live: bool,
                  state: UseStateHandle<Option<(i32, u32)>>| {
        let onchange = Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            state.set(parse_week(&value));
        });
        html! {
            <div class="field">
                <label for={id}>{ label }</label>
                <select {id} {onchange}>
                    if with_live {
                        <option value={LIVE} selected={chosen.is_none()}>{ format!("This week as it stands ({week_label})") }</option>
                    }
                    { for history.iter().rev().map(|s| {
                        let key = (s.iso_year, s.week);
                        html! { <option value={s.week_label()} selected={chosen == Some(key)}>{ s.week_label() }</option> }
                    }) }
                </select>
            </div>
        }
    };

    let trend = trends(history);
    let on_backup = props.on_command.reform(|_: MouseEvent| Command::Backup);
    let on_restore = props.on_command.reform(|e: Event| match picked_file(&e) {
        Some(file) => Command::Restore(file),
        None => Command::Nothing,
    });

    html! {
        <section class="weeks" aria-labelledby="weeks-title">
            <h3 id="weeks-title">{ "Week by week" }</h3>
            <div class="save-week">
                <p>
                    if saved_now {
                        { format!("This week's review ({week_label}) is saved. Saving again replaces it with the review as it stands.") }
                    } else {
                        { format!("This week's review ({week_label}) is not saved yet. Save it when you are done: next week shows what moved since.") }
                    }
                </p>
                <button type="button" class="primary" onclick={on_save}>{ "Save this week's review" }</button>
                <p class="hint">{ format!("{} week{} saved in this browser. A saved week keeps each account's projected sales, category, flags, tier, hours and your calls; the exported workbook's History sheet carries every week to another machine.", history.len(), if history.len() == 1 { "" } else { "s" }) }</p>
            </div>

            <h4 id="checklist-title">{ "This week's checklist" }</h4>
            <ul class="checklist" aria-labelledby="checklist-title">{ for checks }</ul>

            <h4 id="actions-title">{ "Next actions" }</h4>
            <NextActions actions={open.saved.actions.clone()} today={open.today} id_prefix="all-actions" on_action={props.on_action.clone()} />

            <h4 id="moved-title">{ "What moved" }</h4>
            if history.is_empty() {
                <p>{ "No week saved yet. Save this week's review; next week, import the new workbook and see here what moved since." }</p>
            } else {
                <div class="compare-pickers" role="group" aria-label="Weeks compared">
                    { picker("From week", "compare-from", older_snapshot.map(|s| (s.iso_year, s.week)), false, older.clone()) }
                    { picker("To", "compare-to", *newer, true, newer.clone()) }
                </div>
                if let Some(moved) = &moved {
                    <Moved comparison={moved.clone()} on_action={props.on_action.clone()} />
                } else {
                    <p>{ "Pick two different weeks. While this week is the only one saved, next week's review is compared with it here." }</p>
                }
            }

            <h4 id="trends-title">{ "Over the weeks" }</h4>
            if trend.len() < 2 {
                <p>{ "The trends appear once two weeks are saved." }</p>
            } else {
                <TrendChart weeks={trend.clone()} sales=true />
                <TrendChart weeks={trend.clone()} sales=false />
                <TrendTable weeks={trend} />
            }

            <h4 id="backup-title">{ "Backup" }</h4>
            <p class="hint">{ "Everything this page keeps — the review, settings, notes, time log, plan, saved weeks and next actions — in one file, to restore here or in another browser." }</p>
            <div class="backup-actions">
                <button type="button" class="secondary" onclick={on_backup} disabled={props.busy}>{ "Download a backup" }</button>
                <input type="file" id="restore-backup" class="visually-hidden" accept=".json,application/json"
                    onchange={on_restore} disabled={props.busy} />
                <label class="button secondary" for="restore-backup">{ "Restore a backup" }</label>
            </div>
        </section>
    }
}

/// "2026-W49" → (2026, 49).
fn parse_week(value: &str) -> Option<(i32, u32)> {
    let (year, week) = value.split_once("-W")?;
    Some((year.parse().ok()?, week.parse().ok()?))
}

#[derive(Properties, PartialEq)]
struct MovedProps {
    comparison: Comparison,
    on_action: Callback<Action>,
}

/// Two weeks side by side: the totals, the category moves (a from → to table whose cells list
/// their accounts), newly at risk and recovered, the largest changes.
#[component]
fn Moved(props: &MovedProps) -> Html {
    let c = &props.comparison;
    let chosen = use_state(|| None::<(Category, Category)>);
    let label = |(year, week): (i32, u32)| format!("{year}-W{week:02}");
    let (from, to) = (label(c.older), label(c.newer));
    let shift = |name: &str, s: &Shift, show: fn(f64) -> String| {
        format!(
            "{name} {} → {} ({})",
            show(s.then),
            show(s.now),
            signed(s.change, show)
        )
    };
    let account_button = |name: &String| {
        let account = name.clone();
        let onclick = props
            .on_action
            .reform(move |_: MouseEvent| Action::OpenAccount(account.clone()));
        html! { <li><button type="button" class="link" {onclick}>{ name.clone() }</button></li> }
    };
    let cell = |f: Category, t: Category| {
        let accounts = c.cell(f, t);
        let n = accounts.len();
        let pressed = *chosen == Some((f, t));
        let onclick = {
            let chosen = chosen.clone();
            Callback::from(move |_: MouseEvent| {
                chosen.set(if pressed { None } else { Some((f, t)) })
            })
        };
        html! {
            <td class={classes!("number", (f != t && n > 0).then_some("moved"))}>
                if n == 0 {
                    { "0" }
                } else {
                    <button type="button" class="link" aria-pressed={if pressed { "true" } else { "false" }} {onclick}
                        aria-label={format!("{n} account{} from {} to {}", if n == 1 { "" } else { "s" }, f.label(), t.label())}>
                        { n }
                    </button>
                }
            </td>
        }
    };
    let changes: Vec<&AccountChange> = c
        .largest_changes()
        .into_iter()
        .take(CHANGES_SHOWN)
        .collect();
    html! {
        <div class="moved">
            <p class="headline">{ format!("{from} → {to}") }</p>
            <ul class="shifts">
                <li>{ shift("Projected sales", &c.projected_sales, money) }</li>
                <li>{ shift("Hours", &c.hours, hours) }</li>
                <li>{ shift("Hours on time sinks", &c.time_sink_hours, hours) }</li>
                <li>{ shift("Estimated deterioration", &c.deterioration, money) }</li>
                <li>{ shift("Upside", &c.upside, money) }</li>
            </ul>
            <table class="accounts-table migrations" aria-label="Category moves">
                <caption>{ format!("Accounts by category in {from} (rows) and {to} (columns)") }</caption>
                <thead><tr>
                    <th scope="col">{ "From \\ To" }</th>
                    { for Category::ALL.iter().map(|t| html! { <th scope="col" class="number">{ t.label() }</th> }) }
                </tr></thead>
                <tbody>
                    { for Category::ALL.iter().map(|&f| html! {
                        <tr>
                            <th scope="row">{ f.label() }</th>
                            { for Category::ALL.iter().map(|&t| cell(f, t)) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if let Some((f, t)) = *chosen {
                <p class="cell-title">{ format!("{} → {}:", f.label(), t.label()) }</p>
                <ul class="cell-accounts" aria-label={format!("From {} to {}", f.label(), t.label())}>
                    { for c.cell(f, t).iter().map(account_button) }
                </ul>
            }
            if !c.added.is_empty() || !c.removed.is_empty() {
                <p class="note">{ format!("{} new account(s) in {to}, {} gone since {from}.", c.added.len(), c.removed.len()) }</p>
            }
            <div class="risk-lists">
                <div>
                    <h5 id="newly-at-risk">{ format!("Newly at risk ({})", c.newly_at_risk.len()) }</h5>
                    if c.newly_at_risk.is_empty() { <p>{ "None." }</p> } else {
                        <ul aria-labelledby="newly-at-risk">{ for c.newly_at_risk.iter().map(account_button) }</ul>
                    }
                </div>
                <div>
                    <h5 id="recovered">{ format!("Recovered ({})", c.recovered.len()) }</h5>
                    if c.recovered.is_empty() { <p>{ "None." }</p> } else {
                        <ul aria-labelledby="recovered">{ for c.recovered.iter().map(account_button) }</ul>
                    }
                </div>
            </div>
            if !changes.is_empty() {
                <table class="accounts-table changes" aria-label="Largest changes">
                    <thead><tr>
                        <th scope="col">{ "Account" }</th>
                        <th scope="col">{ "Category" }</th>
                        <th scope="col" class="number">{ format!("Projected sales {from}") }</th>
                        <th scope="col" class="number">{ format!("Projected sales {to}") }</th>
                        <th scope="col" class="number">{ "Change" }</th>
                        <th scope="col" class="number">{ "Hours change" }</th>
                    </tr></thead>
                    <tbody>
                        { for changes.iter().map(|ch| html! {
                            <tr>
                                <th scope="row">{ ch.account.clone() }{ if ch.presence.label().is_empty() { String::new() } else { format!(" ({})", ch.presence.label()) } }</th>
                                <td>{ category_move(ch) }</td>
                                <td class="number">{ ch.projected_sales_then.map(money).unwrap_or_else(|| "—".into()) }</td>
                                <td class="number">{ ch.projected_sales_now.map(money).unwrap_or_else(|| "—".into()) }</td>
                                <td class="number">{ ch.projected_sales_change.map(|x| signed(x, money)).unwrap_or_else(|| "—".into()) }</td>
                                <td class="number">{ ch.hours_change.map(|x| signed(x, hours)).unwrap_or_else(|| "—".into()) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

/// "Grow → At risk", or the one category when it stayed.
fn category_move(ch: &AccountChange) -> String {
    match (ch.category_then, ch.category_now) {
        (Some(a), Some(b)) if a == b => a.label().to_string(),
        (Some(a), Some(b)) => format!("{} → {}", a.label(), b.label()),
        (None, Some(b)) => b.label().to_string(),
        (Some(a), None) => a.label().to_string(),
        (None, None) => String::new(),
    }
}

/// A change with its sign: "+1,200", "−300", "0".
fn signed(x: f64, show: fn(f64) -> String) -> String {
    if x > 0.0 {
        format!("+{}", show(x))
    } else if x < 0.0 {
        format!("−{}", show(-x))
    } else {
        show(0.0)
    }
}

#[derive(Properties, PartialEq)]
struct TrendProps {
    weeks: Vec<TrendWeek>,
    /// Projected sales (else hours) per category.
    #[prop_or_default]
    sales: bool,
}

const CHART_W: f64 = 640.0;
const CHART_H: f64 = 180.0;
const PAD_LEFT: f64 = 8.0;
const PAD_TOP: f64 = 10.0;

/// One line per category over the weeks: projected sales or hours. The numbers are in the
/// table below it and in the image's name.
#[component]
fn TrendChart(props: &TrendProps) -> Html {
    let value = |w: &TrendWeek, c: Category| {
        let p = w.category(c);
        if props.sales {
            p.projected_sales
        } else {
            p.hours
        }
    };
    let top = props
        .weeks
        .iter()
        .flat_map(|w| Category::ALL.map(|c| value(w, c)))
        .fold(0.0_f64, f64::max)
        .max(1e-9);
    let n = props.weeks.len().max(2) - 1;
    let x = |i: usize| PAD_LEFT + (CHART_W - 2.0 * PAD_LEFT) * i as f64 / n as f64;
    let y = |v: f64| PAD_TOP + (CHART_H - 2.0 * PAD_TOP) * (1.0 - v / top);
    let what = if props.sales {
        "Projected sales"
    } else {
        "Hours"
    };
    let show = |v: f64| {
        if props.sales {
            money(v)
        } else {
            format!("{} h", hours(v))
        }
    };
    let first = props.weeks.first();
    let last = props.weeks.last();
    let summary = Category::ALL
        .iter()
        .map(|&c| {
            format!(
                "{} {} → {}",
                c.label(),
                first.map(|w| show(value(w, c))).unwrap_or_default(),
                last.map(|w| show(value(w, c))).unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let span = match (first, last) {
        (Some(a), Some(b)) => format!(
            "{}-W{:02} to {}-W{:02}",
            a.iso_year, a.week, b.iso_year, b.week
        ),
        _ => String::new(),
    };
    let lines = Category::ALL.iter().map(|&c| {
        let points = props
            .weeks
            .iter()
            .enumerate()
            .map(|(i, w)| format!("{:.1},{:.1}", x(i), y(value(w, c))))
            .collect::<Vec<_>>()
            .join(" ");
        html! { <polyline class={classes!("trend-line", c.key())} fill="none" {points} /> }
    });
    html! {
        <figure class="trend">
            <svg viewBox={format!("0 0 {CHART_W} {CHART_H}")} role="img"
                aria-label={format!("{what} per category, {span}: {summary}")}>
                <line class="axis" x1={PAD_LEFT.to_string()} x2={(CHART_W - PAD_LEFT).to_string()}
                    y1={(CHART_H - PAD_TOP).to_string()} y2={(CHART_H - PAD_TOP).to_string()} />
                { for lines }
            </svg>
            <figcaption>
                { format!("{what} per category, {span}. ") }
                { for Category::ALL.iter().map(|c| html! { <span class={classes!("legend", c.key())}>{ c.label() }</span> }) }
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct TrendTableProps {
    weeks: Vec<TrendWeek>,
}

/// The weeks' projected sales and hours per category, as numbers.
#[component]
fn TrendTable(props: &TrendTableProps) -> Html {
    html! {
        <table class="accounts-table trends" aria-label="Weeks">
            <thead><tr>
                <th scope="col">{ "Week" }</th>
                { for Category::ALL.iter().map(|c| html! { <th scope="col" class="number">{ format!("{} sales", c.label()) }</th> }) }
                { for Category::ALL.iter().map(|c| html! { <th scope="col" class="number">{ format!("{} hours", c.label()) }</th> }) }
            </tr></thead>
            <tbody>
                { for props.weeks.iter().map(|w| html! {
                    <tr>
                        <th scope="row">{ format!("{}-W{:02}", w.iso_year, w.week) }</th>
                        { for Category::ALL.iter().map(|&c| html! { <td class="number">{ money(w.category(c).projected_sales) }</td> }) }
                        { for Category::ALL.iter().map(|&c| html! { <td class="number">{ hours(w.category(c).hours) }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
