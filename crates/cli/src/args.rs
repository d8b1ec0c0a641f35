//! Command-line arguments, parsed by hand: the contract is small and its exit codes exact.

use std::path::PathBuf;

use account_lens_engine::Date;
use account_lens_workbook::ImportOptions;

pub const USAGE: &str = "\
account-lens — a sales rep's weekly account review, from the workbook you already keep

USAGE:
    account-lens analyze INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--time-log LOG] [--today DATE] [--json]
    account-lens plan INPUT [--capacity HOURS] [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--time-log LOG] [--today DATE] [--json]
    account-lens products INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--similar-accounts K] [--min-accounts N] [--suggestions N] [--json]
    account-lens review OLDER NEWER [--sheet NAME] [--map FIELD=HEADER]... [--json]

    analyze           sort every account into Grow, Maintain or At risk, with flags and reasons
    plan              recommend next week's hours per account (CALLPLAN) and the moves to make
    products          rank products by gross profit and margin, find products bought together,
                      and suggest per account what to offer next, with reasons
    review            compare two weeks' workbooks (exported or not): accounts that changed
                      category, newly at risk, recovered, new and gone, and the changes in
                      sales, hours, deterioration, upside and hours on time sinks

    INPUT             xlsx, xlsm, xlsb, xls, ods, csv or tsv (the format is read from the bytes)
    OLDER NEWER       (review) two workbooks as INPUT, the earlier week first; each is read as
                      analyze reads it (an export's settings and category calls count), with
                      the same --sheet and --map
    --capacity HOURS  (plan) the hours a week you have for your accounts, e.g. --capacity 40;
                      needed unless INPUT is an export with a Time plan sheet, whose capacity,
                      estimates and bounds are used (--capacity wins)
    -o, --output OUT  write an annotated copy of the workbook (with a Time plan sheet for plan,
                      and an Activities sheet with the time logged outside the workbook)
    --sheet NAME      analyse this sheet instead of the one found automatically
    --map FIELD=HEADER
                      read FIELD from the column headed HEADER (repeatable), e.g.
                      --map account=\"Sold-To Party\" --map hours=\"Time (h)\"
                      (--map FIELD= leaves FIELD unread). The plan's estimates per account,
                      as fractions of today's sales (0.6, 60%), come from columns
                      response_none, response_half, response_more, response_saturation
                      (\"Sales with no time\", \"Sales at half time\",
                      \"Sales with 50% more time\", \"Saturation\")
    --time-log LOG    hours from this time log (date, account, hours, activity, note) instead
                      of the sheet's hours column; a time-log sheet in INPUT is used by itself.
                      Its entries go into the Activities sheet of -o, and the Activities sheet
                      of an earlier export counts too (an entry in both counts once)
    --today DATE      the date the time log is read up to (YYYY-MM-DD; default today): hours
                      are the average of the 4 weeks before this one
    --similar-accounts K
                      (products) how many most similar accounts a suggestion looks at (default 10)
    --min-accounts N  (products) the fewest accounts buying both products of a rule (default 5)
    --suggestions N   (products) suggestions per account (default 3)
                      (an exported workbook's Products sheet gives them too; these win)
    --json            print the result as JSON (see DESIGN.md for the contract)

EXIT CODES:
    0 success, 1 the input cannot be used (the message says why), 2 bad usage";

#[derive(Debug, PartialEq)]
pub struct Analyze {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
    pub options: ImportOptions,
    pub json: bool,
    /// A time log in a file of its own.
    pub time_log: Option<PathBuf>,
    /// The review's date (the time log is read up to the week before it); None: today.
    pub today: Option<Date>,
}

/// `plan`: the input as for `analyze`, and the week's hours.
#[derive(Debug, PartialEq)]
pub struct Plan {
    pub job: Analyze,
    /// Hours a week, finite and positive; `None`: the workbook's Time plan sheet says.
    pub capacity: Option<f64>,
}

/// Usage error of `plan` when neither `--capacity` nor the workbook gives the week's hours.
pub const NO_CAPACITY: &str = "plan needs --capacity HOURS: the hours a week you have for your accounts, e.g. --capacity 40 (the workbook has no Time plan sheet to take them from)";

/// `products`: the input as for `analyze`, and the analysis's settings given on the command
/// line (over those of the workbook's Products sheet).
#[derive(Debug, PartialEq)]
pub struct Products {
    pub job: Analyze,
    pub similar_accounts: Option<usize>,
    pub min_accounts: Option<usize>,
    pub suggestions: Option<usize>,
}

/// `review`: two workbooks read the same way, the older first.
#[derive(Debug, PartialEq)]
pub struct Review {
    pub older: PathBuf,
    pub newer: PathBuf,
    pub options: ImportOptions,
    pub json: bool,
}

impl Review {
    /// How one of the two workbooks is read: as `analyze` reads it.
    pub fn job(&self, input: &std::path::Path) -> Analyze {
        Analyze {
            input: input.to_path_buf(),
            output: None,
            options: self.options.clone(),
            json: self.json,
            time_log: None,
            today: None,
        }
    }
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Analyze(Analyze),
    Plan(Plan),
    Products(Products),
    Review(Review),
    Help,
    Version,
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    let command = match it.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("analyze" | "analyse") => "analyze",
        Some("plan") => "plan",
        Some("products") => "products",
        Some("review") => return parse_review(it.as_slice()),
        Some(other) => return Err(format!("unknown command \"{other}\"")),
    };
    let planning = command == "plan";
    let for_products = command == "products";
    let (mut similar_accounts, mut min_accounts, mut suggestions) = (None, None, None);
    let mut input = None;
    let mut output = None;
    let mut options = ImportOptions::default();
    let mut json = false;
    let mut capacity = None;
    let mut time_log = None;
    let mut today = None;
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--json" => json = true,
            "-o" | "--output" => {
                output = Some(PathBuf::from(inline.map_or_else(|| value(flag), Ok)?))
            }
            "--sheet" => options.sheet = Some(inline.map_or_else(|| value(flag), Ok)?),
            "--time-log" => time_log = Some(PathBuf::from(inline.map_or_else(|| value(flag), Ok)?)),
            "--today" => {
                let text = inline.map_or_else(|| value(flag), Ok)?;
                today = Some(Date::parse_iso(text.trim()).ok_or_else(|| {
                    format!("--today needs a date as YYYY-MM-DD, e.g. --today 2026-12-07 (got \"{text}\")")
                })?);
            }
            "--capacity" if planning => {
                capacity = Some(parse_capacity(&inline.map_or_else(|| value(flag), Ok)?)?)
            }
            "--similar-accounts" if for_products => {
                similar_accounts = Some(parse_count(
                    flag,
                    &inline.map_or_else(|| value(flag), Ok)?,
                    1,
                )?)
            }
            "--min-accounts" if for_products => {
                min_accounts = Some(parse_count(
                    flag,
                    &inline.map_or_else(|| value(flag), Ok)?,
                    1,
                )?)
            }
            "--suggestions" if for_products => {
                suggestions = Some(parse_count(
                    flag,
                    &inline.map_or_else(|| value(flag), Ok)?,
                    0,
                )?)
            }
            "--map" => {
                let text = inline.map_or_else(|| value(flag), Ok)?;
                options
                    .overrides
                    .push(ImportOptions::parse_override(&text)?);
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(format!("unknown option \"{f}\""))
            }
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument \"{arg}\"")),
        }
    }
    let input = input.ok_or_else(|| format!("{command} needs an INPUT file"))?;
    let job = Analyze {
        input,
        output,
        options,
        json,
        time_log,
        today,
    };
    if for_products {
        return Ok(Command::Products(Products {
            job,
            similar_accounts,
            min_accounts,
            suggestions,
        }));
    }
    if !planning {
        return Ok(Command::Analyze(job));
    }
    Ok(Command::Plan(Plan { job, capacity }))
}

/// `review OLDER NEWER [--sheet NAME] [--map FIELD=HEADER]... [--json]`.
fn parse_review(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut options = ImportOptions::default();
    let mut json = false;
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "--json" => json = true,
            "--sheet" => options.sheet = Some(inline.map_or_else(|| value(flag), Ok)?),
            "--map" => {
                let text = inline.map_or_else(|| value(flag), Ok)?;
                options
                    .overrides
                    .push(ImportOptions::parse_override(&text)?);
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(format!("unknown option \"{f}\" for review"))
            }
            _ if inputs.len() < 2 => inputs.push(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument \"{arg}\"")),
        }
    }
    let mut inputs = inputs.into_iter();
    match (inputs.next(), inputs.next()) {
        (Some(older), Some(newer)) => Ok(Command::Review(Review {
            older,
            newer,
            options,
            json,
        })),
        _ => Err("review needs two workbooks: OLDER NEWER (the earlier week first)".into()),
    }
}

/// A whole number of at least `least` ("10").
fn parse_count(flag: &str, text: &str, least: usize) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= least && *n <= 1_000_000)
        .ok_or_else(|| {
            format!(
                "{flag} needs a whole number of at least {least}, e.g. {flag} 5 (got \"{text}\")"
            )
        })
}

/// Hours a week: a positive number ("40", "37.5").
fn parse_capacity(text: &str) -> Result<f64, String> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h > 0.0)
        .ok_or_else(|| {
            format!("--capacity needs a positive number of hours a week, e.g. --capacity 40 (got \"{text}\")")
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use account_lens_workbook::Field;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn the_contract_options_parse() {
        let c = parse(&args(&[
            "analyze",
            "in.xlsx",
            "-o",
            "out.xlsx",
            "--sheet",
            "Q3",
            "--map",
            "account=Sold-To Party",
            "--map=hours=Hrs",
            "--json",
        ]))
        .unwrap();
        let Command::Analyze(a) = c else {
            panic!("not analyze")
        };
        assert_eq!(a.input, PathBuf::from("in.xlsx"));
        assert_eq!(a.output, Some(PathBuf::from("out.xlsx")));
        assert_eq!(a.options.sheet.as_deref(), Some("Q3"));
        assert_eq!(
            a.options.overrides,
            vec![
                (Field::Account, "Sold-To Party".into()),
                (Field::Hours, "Hrs".into())
            ]
        );
        assert!(a.json);
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert!(parse(&args(&["analyze"])).is_err());
        assert!(parse(&args(&["analyze", "a", "b"])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
        assert!(parse(&args(&["analyze", "a", "--map", "colour=Red"]))
            .unwrap_err()
            .contains("unknown field"));
        assert!(parse(&args(&["analyze", "a", "--sheet"]))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&args(&["analyze", "a", "--bogus"])).is_err());
        assert_eq!(parse(&args(&[])).unwrap(), Command::Help);
        // --capacity belongs to plan.
        assert!(parse(&args(&["analyze", "a", "--capacity", "40"]))
            .unwrap_err()
            .contains("unknown option"));
    }

    #[test]
    fn plan_takes_the_analyze_options_and_a_capacity() {
        let c = parse(&args(&[
            "plan",
            "in.xlsx",
            "--capacity",
            "37.5",
            "--map=hours=Hrs",
            "-o",
            "out.xlsx",
            "--json",
        ]))
        .unwrap();
        let Command::Plan(p) = c else {
            panic!("not plan")
        };
        assert_eq!(p.capacity, Some(37.5));
        assert_eq!(p.job.input, PathBuf::from("in.xlsx"));
        assert_eq!(p.job.output, Some(PathBuf::from("out.xlsx")));
        assert_eq!(p.job.options.overrides, vec![(Field::Hours, "Hrs".into())]);
        assert!(p.job.json);
        let Command::Plan(p) = parse(&args(&["plan", "--capacity=40", "in.csv"])).unwrap() else {
            panic!("not plan")
        };
        assert_eq!(p.capacity, Some(40.0));
    }

    #[test]
    fn products_takes_the_analyze_options_and_its_settings() {
        let c = parse(&args(&[
            "products",
            "orders.xlsx",
            "--json",
            "-o",
            "out.xlsx",
            "--map",
            "product=Item",
            "--similar-accounts",
            "7",
            "--min-accounts=3",
            "--suggestions",
            "0",
        ]))
        .unwrap();
        let Command::Products(p) = c else {
            panic!("not products")
        };
        assert_eq!(p.job.input, PathBuf::from("orders.xlsx"));
        assert_eq!(p.job.output, Some(PathBuf::from("out.xlsx")));
        assert_eq!(
            p.job.options.overrides,
            vec![(Field::Product, "Item".into())]
        );
        assert!(p.job.json);
        assert_eq!(
            (p.similar_accounts, p.min_accounts, p.suggestions),
            (Some(7), Some(3), Some(0))
        );
        for bad in ["0", "-1", "2.5", "many", ""] {
            let e = parse(&args(&["products", "in.xlsx", "--min-accounts", bad])).unwrap_err();
            assert!(
                e.starts_with("--min-accounts needs a whole number of at least 1"),
                "{bad}: {e}"
            );
        }
        // Its settings belong to it.
        assert!(parse(&args(&["analyze", "in.xlsx", "--min-accounts", "3"]))
            .unwrap_err()
            .contains("unknown option"));
        assert_eq!(
            parse(&args(&["products"])).unwrap_err(),
            "products needs an INPUT file"
        );
    }

    #[test]
    fn review_takes_two_workbooks_and_the_import_options() {
        let c = parse(&args(&[
            "review",
            "w48.xlsx",
            "--map=hours=Hrs",
            "w49.csv",
            "--sheet",
            "Accounts",
            "--json",
        ]))
        .unwrap();
        let Command::Review(r) = c else {
            panic!("not review")
        };
        assert_eq!(r.older, PathBuf::from("w48.xlsx"));
        assert_eq!(r.newer, PathBuf::from("w49.csv"));
        assert_eq!(r.options.sheet.as_deref(), Some("Accounts"));
        assert_eq!(r.options.overrides, vec![(Field::Hours, "Hrs".into())]);
        assert!(r.json);
        assert_eq!(r.job(&r.newer).input, PathBuf::from("w49.csv"));
        for bad in [
            &["review"][..],
            &["review", "a.xlsx"],
            &["review", "a", "b", "c"],
            &["review", "a", "b", "-o", "out.xlsx"],
            &["review", "a", "b", "--capacity", "40"],
            &["review", "a", "b", "--sheet"],
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad:?}");
        }
        assert_eq!(
            parse(&args(&["review", "a"])).unwrap_err(),
            "review needs two workbooks: OLDER NEWER (the earlier week first)"
        );
    }

    #[test]
    fn a_capacity_that_is_not_a_positive_number_is_bad_usage() {
        for bad in ["0", "-5", "forty", "", "inf", "NaN", "40h"] {
            let e = parse(&args(&["plan", "in.xlsx", "--capacity", bad])).unwrap_err();
            assert!(
                e.starts_with("--capacity needs a positive number"),
                "{bad}: {e}"
            );
        }
        // Without --capacity the workbook may give it; whether it does is known once it is read.
        let Command::Plan(p) = parse(&args(&["plan", "in.xlsx"])).unwrap() else {
            panic!("not plan")
        };
        assert_eq!(p.capacity, None);
        assert!(NO_CAPACITY.starts_with("plan needs --capacity HOURS"));
        assert!(parse(&args(&["plan", "in.xlsx", "--capacity"]))
            .unwrap_err()
            .contains("needs a value"));
        assert_eq!(
            parse(&args(&["plan", "--capacity", "40"])).unwrap_err(),
            "plan needs an INPUT file"
        );
    }
}
