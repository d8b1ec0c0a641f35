//! Cell formats of the export, built once per number format and reused for every cell:
//! rust_xlsxwriter dedups formats by hashing them, so building one per cell would cost an
//! allocation and a hash of a fresh `Format` each time.

use account_lens_engine::Category;
use rust_xlsxwriter::{Color, Format};

/// Money as the annotation columns show it.
pub(crate) const MONEY: &str = "#,##0";
/// Shares and growth as the annotation columns show them.
pub(crate) const PERCENT: &str = "0.0%";
/// A date cell that came without a number format (xls, ods and CSV readers keep none).
const DATE: &str = "yyyy-mm-dd";
const DATE_TIME: &str = "yyyy-mm-dd hh:mm:ss";

/// The background of an account row: its category at a glance.
///
/// Rows are tinted by conditional formats on the Category column rather than by a fill in every
/// cell: the tint follows when the rep changes a category or sorts the rows, and no cell needs
/// a format of its own for it (a per-cell format costs rust_xlsxwriter a hash of the whole
/// `Format` on every write, and multiplies the styles by four).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tint {
    Grow,
    Maintain,
    AtRisk,
}

impl Tint {
    pub(crate) const ALL: [Tint; 3] = [Tint::Grow, Tint::Maintain, Tint::AtRisk];

    pub(crate) fn category(self) -> Category {
        match self {
            Tint::Grow => Category::Grow,
            Tint::Maintain => Category::Maintain,
            Tint::AtRisk => Category::AtRisk,
        }
    }

    /// Light green, light grey-blue, light red: readable under black text and in print.
    fn color(self) -> Color {
        match self {
            Tint::Grow => Color::RGB(0xE2_EF_DA),
            Tint::Maintain => Color::RGB(0xDD_E4_EE),
            Tint::AtRisk => Color::RGB(0xF8_D7_DA),
        }
    }

    /// The fill a conditional format applies.
    pub(crate) fn format(self) -> Format {
        Format::new().set_background_color(self.color())
    }
}

/// How a source cell's number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberStyle {
    General,
    /// An index into the source sheet's format codes.
    Source(u32),
    Date,
    DateTime,
}

/// The number formats of one source sheet, built on first use.
pub(crate) struct Styles<'a> {
    codes: &'a [String],
    source: Vec<Option<Format>>,
    date: Option<Format>,
    date_time: Option<Format>,
}

impl<'a> Styles<'a> {
    /// Formats for a sheet whose cells refer to `codes` (see [`crate::grid::Sheet::formats`]).
    pub(crate) fn new(codes: &'a [String]) -> Styles<'a> {
        Styles {
            codes,
            source: vec![None; codes.len()],
            date: None,
            date_time: None,
        }
    }

    /// The format of a number style; `None` for General, which rust_xlsxwriter writes fastest
    /// without any format.
    pub(crate) fn get(&mut self, number: NumberStyle) -> Option<&Format> {
        let (slot, code) = match number {
            NumberStyle::General => return None,
            NumberStyle::Source(i) => (
                self.source.get_mut(i as usize)?,
                self.codes.get(i as usize)?.as_str(),
            ),
            NumberStyle::Date => (&mut self.date, DATE),
            NumberStyle::DateTime => (&mut self.date_time, DATE_TIME),
        };
        Some(slot.get_or_insert_with(|| number_format(code)))
    }
}

/// Column headers the export adds.
pub(crate) fn header() -> Format {
    Format::new().set_bold().set_text_wrap()
}

/// The A1 marker of an added sheet, doubling as its title.
pub(crate) fn title() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// A number format.
pub(crate) fn number_format(code: &str) -> Format {
    Format::new().set_num_format(code)
}
