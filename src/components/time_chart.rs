use account_lens_engine::format::percent;
use account_lens_engine::{Category, Summary, ValueBasis};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TimeChartProps {
    pub summary: Summary,
    pub value_basis: ValueBasis,
}

/// Where the hours go against where the value comes from, per category: a category whose time
/// bar is longer than its value bar takes more than it returns.
#[component]
pub fn TimeChart(props: &TimeChartProps) -> Html {
    let bars = bars(&props.summary, props.value_basis);
    let label = description(&props.summary, props.value_basis);
    let names = Category::ALL.iter().enumerate().map(|(i, &category)| {
        let y = format!("{:.1}", group_top(i) + BAR_HEIGHT + BAR_GAP / 2.0);
        html! {
            <text key={category.key()} class="chart-label" x="0" y={y} dominant-baseline="middle">
                { category.label() }
            </text>
        }
    });
    let shapes = bars.into_iter().map(|bar| {
        let (x, y, width) = (
            format!("{BAR_X:.1}"),
            format!("{:.1}", bar.y),
            format!("{:.1}", bar.width),
        );
        let text_y = format!("{:.1}", bar.y + BAR_HEIGHT / 2.0);
        html! {
            <g key={format!("{}-{}", bar.category.key(), bar.share.class())}>
                <rect class="bar-track" x={x.clone()} y={y.clone()} width={format!("{BAR_MAX:.1}")} height={format!("{BAR_HEIGHT:.1}")} />
                <rect class={classes!(bar.share.class(), category_class(bar.category))}
                    x={x} y={y} width={width} height={format!("{BAR_HEIGHT:.1}")} />
                <text class="bar-label" x={format!("{TEXT_X:.1}")} y={text_y} dominant-baseline="middle">
                    { bar.label }
                </text>
            </g>
        }
    });
    html! {
        <figure class="time-chart">
            <figcaption>{ "Time share against value share" }</figcaption>
            <svg viewBox={format!("0 0 {VIEW_WIDTH} {VIEW_HEIGHT}")} role="img" aria-label={label}>
                { for names }
                { for shapes }
            </svg>
        </figure>
    }
}

/// The chart's units (the SVG scales to its box).
const VIEW_WIDTH: f64 = 520.0;
const BAR_X: f64 = 96.0;
const BAR_MAX: f64 = 240.0;
const TEXT_X: f64 = BAR_X + BAR_MAX + 8.0;
const BAR_HEIGHT: f64 = 14.0;
const BAR_GAP: f64 = 4.0;
const GROUP_GAP: f64 = 16.0;
const TOP: f64 = 4.0;
const GROUP_HEIGHT: f64 = 2.0 * BAR_HEIGHT + BAR_GAP + GROUP_GAP;
const VIEW_HEIGHT: f64 = 2.0 * TOP + 3.0 * GROUP_HEIGHT - GROUP_GAP;

/// Which share a bar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    Time,
    Value,
}

impl Share {
    fn class(self) -> &'static str {
        match self {
            Share::Time => "bar-time",
            Share::Value => "bar-value",
        }
    }
}

/// One bar of the chart, in the chart's units.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub category: Category,
    pub share: Share,
    pub y: f64,
    pub width: f64,
    /// "20% of hours", "35% of gross profit", or "no hours logged".
    pub label: String,
}

fn category_class(category: Category) -> &'static str {
    match category {
        Category::Grow => "cat-grow",
        Category::Maintain => "cat-maintain",
        Category::AtRisk => "cat-at-risk",
    }
}

fn group_top(index: usize) -> f64 {
    TOP + index as f64 * GROUP_HEIGHT
}

/// A share as a fraction of the full bar; nothing for an unknown one.
fn clamped(share: f64) -> f64 {
    if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The two labels of a category: time, then value.
fn labels(summary: &Summary, basis: ValueBasis, category: Category) -> (String, String) {
    let s = summary.category(category);
    let time = if summary.total.hours > 0.0 {
        format!("{} of hours", percent(clamped(s.time_share)))
    } else {
        "no hours logged".to_string()
    };
    let value = format!("{} of {}", percent(clamped(s.value_share)), basis.label());
    (time, value)
}

/// The six bars, time above value for each of Grow, Maintain and At risk. With no hours logged
/// the time bars are empty rather than a division by zero.
pub fn bars(summary: &Summary, basis: ValueBasis) -> Vec<Bar> {
    let has_hours = summary.total.hours > 0.0;
    Category::ALL
        .iter()
        .enumerate()
        .flat_map(|(i, &category)| {
            let s = summary.category(category);
            let (time_label, value_label) = labels(summary, basis, category);
            let top = group_top(i);
            let time = if has_hours {
                clamped(s.time_share)
            } else {
                0.0
            };
            [
                Bar {
                    category,
                    share: Share::Time,
                    y: top,
                    width: time * BAR_MAX,
                    label: time_label,
                },
                Bar {
                    category,
                    share: Share::Value,
                    y: top + BAR_HEIGHT + BAR_GAP,
                    width: clamped(s.value_share) * BAR_MAX,
                    label: value_label,
                },
            ]
        })
        .collect()
}

/// Every number of the chart in one sentence, for screen readers.
pub fn description(summary: &Summary, basis: ValueBasis) -> String {
    let parts: Vec<String> = Category::ALL
        .iter()
        .map(|&category| {
            let (time, value) = labels(summary, basis, category);
            format!("{}: {time}, {value}", category.label())
        })
        .collect();
    format!("{}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use account_lens_engine::CategorySummary;

    use super::*;

    fn summary(hours: f64) -> Summary {
        let category = |time_share: f64, value_share: f64| CategorySummary {
            hours: hours * time_share,
            time_share,
            value_share,
            ..CategorySummary::default()
        };
        Summary {
            grow: category(0.2, 0.35),
            maintain: category(0.5, 0.55),
            at_risk: category(0.3, 0.1),
            total: CategorySummary {
                hours,
                time_share: 1.0,
                value_share: 1.0,
                ..CategorySummary::default()
            },
        }
    }

    /// Widths to a thousandth of a unit: 0.35 × 240 is not exactly 84 in floating point.
    fn rounded(width: f64) -> f64 {
        (width * 1000.0).round() / 1000.0
    }

    #[test]
    fn bars_are_as_long_as_the_shares() {
        let bars = bars(&summary(40.0), ValueBasis::GrossProfit);
        let got: Vec<(Category, Share, f64, &str)> = bars
            .iter()
            .map(|b| (b.category, b.share, rounded(b.width), b.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Category::Grow, Share::Time, 48.0, "20% of hours"),
                (Category::Grow, Share::Value, 84.0, "35% of gross profit"),
                (Category::Maintain, Share::Time, 120.0, "50% of hours"),
                (
                    Category::Maintain,
                    Share::Value,
                    132.0,
                    "55% of gross profit"
                ),
                (Category::AtRisk, Share::Time, 72.0, "30% of hours"),
                (Category::AtRisk, Share::Value, 24.0, "10% of gross profit"),
            ]
        );
        // Time above value, groups below each other, all inside the picture.
        assert!(bars.windows(2).all(|w| w[0].y < w[1].y));
        assert!(bars
            .iter()
            .all(|b| b.y >= 0.0 && b.y + BAR_HEIGHT <= VIEW_HEIGHT));
        assert!(bars.iter().all(|b| b.width <= BAR_MAX));
    }

    #[test]
    fn the_value_basis_names_the_value_bar() {
        let bars = bars(&summary(40.0), ValueBasis::Sales);
        assert_eq!(bars[1].label, "35% of sales");
    }

    #[test]
    fn the_sentence_states_every_number() {
        assert_eq!(
            description(&summary(40.0), ValueBasis::GrossProfit),
            "Grow: 20% of hours, 35% of gross profit; Maintain: 50% of hours, 55% of gross \
             profit; At risk: 30% of hours, 10% of gross profit."
        );
    }

    #[test]
    fn no_hours_logged_gives_empty_time_bars() {
        let mut s = summary(0.0);
        // Shares of zero hours, as a division by zero would leave them.
        s.grow.time_share = f64::NAN;
        let bars = bars(&s, ValueBasis::GrossProfit);
        for bar in bars.iter().filter(|b| b.share == Share::Time) {
            assert_eq!(bar.width, 0.0);
            assert_eq!(bar.label, "no hours logged");
        }
        let value: Vec<f64> = bars
            .iter()
            .filter(|b| b.share == Share::Value)
            .map(|b| rounded(b.width))
            .collect();
        assert_eq!(value, [84.0, 132.0, 24.0]);
        assert!(bars.iter().all(|b| b.width.is_finite()));
        assert_eq!(
            description(&s, ValueBasis::Sales),
            "Grow: no hours logged, 35% of sales; Maintain: no hours logged, 55% of sales; \
             At risk: no hours logged, 10% of sales."
        );
    }

    #[test]
    fn shares_out_of_range_stay_inside_the_bar() {
        let mut s = summary(10.0);
        s.grow.value_share = 1.4;
        s.at_risk.value_share = -0.2;
        let bars = bars(&s, ValueBasis::GrossProfit);
        assert_eq!(bars[1].width, BAR_MAX);
        assert_eq!(bars[5].width, 0.0);
    }
}
