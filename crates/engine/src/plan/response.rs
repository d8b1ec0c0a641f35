//! How an account's sales answer to time: the ADBUDG curve of CALLPLAN, calibrated from four
//! estimates a rep can give.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::format::Percent;

/// Sales as a function of effort, in units of the account's current sales:
/// r(x) = b + (a − b)·xᶜ / (d + xᶜ), with x the hours relative to the account's current (anchor)
/// hours, so x = 1 is today.
///
/// `b` is what the account buys with no time, `a` what it buys at saturation; `c > 1` gives an
/// S-shaped curve (little return until enough time is given), `c ≤ 1` a concave one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub b: f64,
    pub a: f64,
    pub c: f64,
    pub d: f64,
}

/// The four estimates of a response, as fractions of current sales (1.0 = today).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimates {
    /// Sales with no time at all.
    pub none: f64,
    /// Sales with half today's time.
    pub half: f64,
    /// Sales with 50 % more time than today.
    pub more: f64,
    /// Sales with all the time the account could absorb.
    pub saturation: f64,
}

impl Estimates {
    /// One of the four.
    pub fn get(&self, which: Estimate) -> f64 {
        match which {
            Estimate::None => self.none,
            Estimate::Half => self.half,
            Estimate::More => self.more,
            Estimate::Saturation => self.saturation,
        }
    }

    /// One of the four, to change.
    pub fn get_mut(&mut self, which: Estimate) -> &mut f64 {
        match which {
            Estimate::None => &mut self.none,
            Estimate::Half => &mut self.half,
            Estimate::More => &mut self.more,
            Estimate::Saturation => &mut self.saturation,
        }
    }
}

/// One of the four estimates, to say which one is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Estimate {
    None,
    Half,
    More,
    Saturation,
}

impl Estimate {
    /// The four, in the order a rep reads them.
    pub const ALL: [Estimate; 4] = [
        Estimate::None,
        Estimate::Half,
        Estimate::More,
        Estimate::Saturation,
    ];

    /// Its name in keys and ids: "none", "half", "more", "saturation".
    pub fn key(self) -> &'static str {
        match self {
            Estimate::None => "none",
            Estimate::Half => "half",
            Estimate::More => "more",
            Estimate::Saturation => "saturation",
        }
    }

    /// The estimate as a rep reads it: "sales with no time".
    pub fn label(self) -> &'static str {
        match self {
            Estimate::None => "sales with no time",
            Estimate::Half => "sales with half the time",
            Estimate::More => "sales with 50% more time",
            Estimate::Saturation => "sales at saturation",
        }
    }
}

/// Why four estimates give no curve: each says which estimate is off and against what.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum CalibrationError {
    /// An estimate is blank, infinite or not a number.
    NotANumber {
        estimate: Estimate,
    },
    NoneBelowZero {
        none: f64,
    },
    /// With as much (or more) with no time as today, time does nothing for the account.
    NoneNotBelowToday {
        none: f64,
    },
    SaturationNotAboveToday {
        saturation: f64,
    },
    HalfNotAboveNone {
        half: f64,
        none: f64,
    },
    HalfNotBelowToday {
        half: f64,
    },
    MoreNotAboveToday {
        more: f64,
    },
    MoreNotBelowSaturation {
        more: f64,
        saturation: f64,
    },
}

impl CalibrationError {
    /// The estimate to change.
    pub fn estimate(&self) -> Estimate {
        match *self {
            CalibrationError::NotANumber { estimate } => estimate,
            CalibrationError::NoneBelowZero { .. } | CalibrationError::NoneNotBelowToday { .. } => {
                Estimate::None
            }
            CalibrationError::SaturationNotAboveToday { .. } => Estimate::Saturation,
            CalibrationError::HalfNotAboveNone { .. }
            | CalibrationError::HalfNotBelowToday { .. } => Estimate::Half,
            CalibrationError::MoreNotAboveToday { .. }
            | CalibrationError::MoreNotBelowSaturation { .. } => Estimate::More,
        }
    }
}

impl fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = Percent;
        match *self {
            CalibrationError::NotANumber { estimate } => {
                let label = estimate.label();
                let mut chars = label.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or(' ');
                write!(f, "{first}{} is not a number: give it as a share of today's sales, e.g. 80%", chars.as_str())
            }
            CalibrationError::NoneBelowZero { none } => write!(
                f,
                "Sales with no time ({}) cannot be below zero",
                p(none)
            ),
            CalibrationError::NoneNotBelowToday { none } => write!(
                f,
                "Sales with no time ({}) must be below today's sales (100%): if the account buys as much without you, time cannot change it",
                p(none)
            ),
            CalibrationError::SaturationNotAboveToday { saturation } => write!(
                f,
                "Sales at saturation ({}) must be above today's sales (100%): it is the most the account would buy with all the time it can take",
                p(saturation)
            ),
            CalibrationError::HalfNotAboveNone { half, none } => write!(
                f,
                "Sales with half the time ({}) must be above sales with no time ({})",
                p(half),
                p(none)
            ),
            CalibrationError::HalfNotBelowToday { half } => write!(
                f,
                "Sales with half the time ({}) must be below today's sales (100%)",
                p(half)
            ),
            CalibrationError::MoreNotAboveToday { more } => write!(
                f,
                "Sales with 50% more time ({}) must be above today's sales (100%)",
                p(more)
            ),
            CalibrationError::MoreNotBelowSaturation { more, saturation } => write!(
                f,
                "Sales with 50% more time ({}) must be below sales at saturation ({})",
                p(more),
                p(saturation)
            ),
        }
    }
}

impl std::error::Error for CalibrationError {}

impl Estimates {
    /// Checks the estimates in the order a rep fills them in, so the first complaint is about
    /// the first estimate that is off.
    fn check(&self) -> Result<(), CalibrationError> {
        for (value, estimate) in [
            (self.none, Estimate::None),
            (self.half, Estimate::Half),
            (self.more, Estimate::More),
            (self.saturation, Estimate::Saturation),
        ] {
            if !value.is_finite() {
                return Err(CalibrationError::NotANumber { estimate });
            }
        }
        let Estimates {
            none,
            half,
            more,
            saturation,
        } = *self;
        if none < 0.0 {
            return Err(CalibrationError::NoneBelowZero { none });
        }
        if none >= 1.0 {
            return Err(CalibrationError::NoneNotBelowToday { none });
        }
        if saturation <= 1.0 {
            return Err(CalibrationError::SaturationNotAboveToday { saturation });
        }
        if half <= none {
            return Err(CalibrationError::HalfNotAboveNone { half, none });
        }
        if half >= 1.0 {
            return Err(CalibrationError::HalfNotBelowToday { half });
        }
        if more <= 1.0 {
            return Err(CalibrationError::MoreNotAboveToday { more });
        }
        if more >= saturation {
            return Err(CalibrationError::MoreNotBelowSaturation { more, saturation });
        }
        Ok(())
    }
}

impl Response {
    /// Calibrates the curve from four estimates exactly as DESIGN.md gives it (Lodish 1971):
    /// b = none, a = saturation, d = (a − 1)/(1 − b), and
    /// c = ⅓·ln(d(r½ − b)/(a − r½))/ln ½ + ⅔·ln(d(r1.5 − b)/(a − r1.5))/ln 1.5.
    ///
    /// The curve passes through today (r(1) = 1), starts at `none` and tends to `saturation`.
    /// Each logarithm term is the c of the curve through one of the two middle estimates, so `c`
    /// is their weighted mean: the curve passes through both exactly when they agree, and
    /// otherwise between them.
    ///
    /// # Errors
    /// A [`CalibrationError`] naming the estimate that is off, unless
    /// 0 ≤ none < half < 1 < more < saturation (all finite): outside that the formulas are
    /// undefined or give a curve on which time loses sales.
    ///
    /// # Examples
    /// ```
    /// use account_lens_engine::{Estimates, Response};
    ///
    /// let r = Response::calibrate(&Estimates { none: 0.6, half: 0.86, more: 1.09, saturation: 1.6 })?;
    /// assert!((r.at(1.0) - 1.0).abs() < 1e-12);
    /// assert_eq!(r.at(0.0), 0.6);
    ///
    /// let off = Response::calibrate(&Estimates { none: 1.1, half: 0.86, more: 1.09, saturation: 1.6 });
    /// assert!(off.unwrap_err().to_string().starts_with("Sales with no time (110%) must be below"));
    /// # Ok::<(), account_lens_engine::CalibrationError>(())
    /// ```
    pub fn calibrate(estimates: &Estimates) -> Result<Response, CalibrationError> {
        estimates.check()?;
        let b = estimates.none;
        let a = estimates.saturation;
        let d = (a - 1.0) / (1.0 - b);
        let through = |r: f64, x: f64| (d * (r - b) / (a - r)).ln() / f64::ln(x);
        let c = through(estimates.half, 0.5) / 3.0 + 2.0 * through(estimates.more, 1.5) / 3.0;
        Ok(Response { b, a, c, d })
    }

    /// Sales at effort `x` (1 = today), in units of current sales.
    pub fn at(&self, x: f64) -> f64 {
        let xc = x.max(0.0).powf(self.c);
        self.b + (self.a - self.b) * xc / (self.d + xc)
    }

    /// Whether the curve is concave for all efforts from `x_min` up: always for c ≤ 1; for an
    /// S-shaped curve, past its inflection point ((d(c − 1)/(c + 1))^(1/c)).
    pub fn concave_from(&self, x_min: f64) -> bool {
        if self.c <= 1.0 {
            return true;
        }
        let inflection = (self.d * (self.c - 1.0) / (self.c + 1.0)).powf(1.0 / self.c);
        x_min >= inflection
    }
}
