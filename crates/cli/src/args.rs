//! Command-line arguments, parsed by hand: the contract is small and its exit codes exact.

use std::path::PathBuf;

use account_lens_workbook::ImportOptions;

pub const USAGE: &str = "\
account-lens — a sales rep's weekly account review, from the workbook you already keep

USAGE:
    account-lens analyze INPUT [-o OUT.xlsx] [--sheet NAME] [--map FIELD=HEADER]... [--json]

    INPUT             xlsx, xlsm, xlsb, xls, ods, csv or tsv (the format is read from the bytes)
    -o, --output OUT  write an annotated copy of the workbook
    --sheet NAME      analyse this sheet instead of the one found automatically
    --map FIELD=HEADER
                      read FIELD from the column headed HEADER (repeatable), e.g.
                      --map account=\"Sold-To Party\" --map hours=\"Time (h)\"
    --json            print the result as JSON (see DESIGN.md for the contract)

EXIT CODES:
    0 success, 1 the input cannot be used (the message says why), 2 bad usage";

#[derive(Debug, PartialEq)]
pub struct Analyze {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
    pub options: ImportOptions,
    pub json: bool,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Analyze(Analyze),
    Help,
    Version,
}

pub fn parse(argv: &[String]) -> Result<Command, String> {
    let mut it = argv.iter();
    match it.next().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some("analyze" | "analyse") => {}
        Some(other) => return Err(format!("unknown command \"{other}\"")),
    }
    let mut input = None;
    let mut output = None;
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
            "-o" | "--output" => {
                output = Some(PathBuf::from(inline.map_or_else(|| value(flag), Ok)?))
            }
            "--sheet" => options.sheet = Some(inline.map_or_else(|| value(flag), Ok)?),
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
    let input = input.ok_or("analyze needs an INPUT file")?;
    Ok(Command::Analyze(Analyze {
        input,
        output,
        options,
        json,
    }))
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
    }
}
