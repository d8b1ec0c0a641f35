//! Numbers as the reasons quote them: money with thousands separators, shares as percentages.

use std::fmt;

/// Money rounded to whole units with thousands separators: 1234567.8 → "1,234,568".
pub fn money(x: f64) -> String {
    Money(x).to_string()
}

/// A fraction as a percentage: whole percent from 10 % up, one decimal below
/// (0.256 → "26%", 0.026 → "2.6%", 0.0004 → "0.04%").
pub fn percent(fraction: f64) -> String {
    Percent(fraction).to_string()
}

/// A change as a signed percentage: 0.19 → "+19%", −0.055 → "-5.5%", 0 → "0%".
pub fn signed_percent(fraction: f64) -> String {
    if fraction > 0.0 {
        format!("+{}", Percent(fraction))
    } else {
        Percent(fraction).to_string()
    }
}

/// [`money`] as a `Display` value, to write into a reason without allocating.
#[derive(Debug, Clone, Copy)]
pub struct Money(pub f64);

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if !x.is_finite() {
            return f.write_str("?");
        }
        let rounded = x.round();
        if rounded.abs() >= 1e18 {
            return write!(f, "{rounded:.0}");
        }
        let mut n = rounded.abs() as u64;
        // Digits from the right with a comma every three, in a stack buffer.
        let mut buf = [0u8; 32];
        let mut at = buf.len();
        let mut count = 0;
        loop {
            if count > 0 && count % 3 == 0 {
                at -= 1;
                buf[at] = b',';
            }
            at -= 1;
            buf[at] = b'0' + (n % 10) as u8;
            n /= 10;
            count += 1;
            if n == 0 {
                break;
            }
        }
        if rounded < 0.0 {
            at -= 1;
            buf[at] = b'-';
        }
        // Only ASCII digits, commas and '-' were written.
        f.write_str(std::str::from_utf8(&buf[at..]).map_err(|_| fmt::Error)?)
    }
}

/// [`percent`] as a `Display` value.
#[derive(Debug, Clone, Copy)]
pub struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fraction = self.0;
        if !fraction.is_finite() {
            return f.write_str("?");
        }
        let p = fraction * 100.0;
        let a = p.abs();
        let decimals = if a >= 10.0 || a == 0.0 {
            0
        } else if a >= 0.1 {
            1
        } else {
            2
        };
        if a >= 1e15 {
            return write!(f, "{p:.0}%");
        }
        // Integer arithmetic instead of float formatting: this runs for every account.
        let mut decimals = decimals;
        let mut scaled = (a * [1.0, 10.0, 100.0][decimals]).round() as u64;
        // 9.99 rounds to 10.0: show it as the next band does ("10%", not "10.0%").
        while decimals > 0 && scaled >= [1, 100, 10][decimals] {
            decimals -= 1;
            scaled = (a * [1.0, 10.0, 100.0][decimals]).round() as u64;
        }
        let scale = [1.0, 10.0, 100.0][decimals];
        if p < 0.0 && scaled > 0 {
            f.write_str("-")?;
        }
        let unit = scale as u64;
        match decimals {
            0 => write!(f, "{scaled}%"),
            1 => write!(f, "{}.{}%", scaled / unit, scaled % unit),
            _ => write!(f, "{}.{:02}%", scaled / unit, scaled % unit),
        }
    }
}

/// Hours with at most one decimal: 2.0 → "2", 2.25 → "2.3".
pub fn hours(h: f64) -> String {
    let t = format!("{h:.1}");
    t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.0), "999");
        assert_eq!(money(1000.0), "1,000");
        assert_eq!(money(1_234_567.8), "1,234,568");
        assert_eq!(money(-60_000.0), "-60,000");
        assert_eq!(money(f64::NAN), "?");
    }

    #[test]
    fn percent_keeps_small_shares_readable() {
        assert_eq!(percent(0.256), "26%");
        assert_eq!(percent(0.026), "2.6%");
        assert_eq!(percent(0.003), "0.3%");
        assert_eq!(percent(0.0004), "0.04%");
        assert_eq!(percent(-0.2), "-20%");
        assert_eq!(percent(-0.042), "-4.2%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.0999), "10%");
        assert_eq!(percent(0.09949), "9.9%");
        assert_eq!(percent(-0.00001), "0.00%", "no minus on a zero");
        assert_eq!(percent(1.5), "150%");
    }

    #[test]
    fn hours_drop_needless_decimals() {
        assert_eq!(hours(2.0), "2");
        assert_eq!(hours(2.25), "2.2");
        assert_eq!(hours(0.5), "0.5");
    }
}
