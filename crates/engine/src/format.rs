//! Numbers as the reasons quote them: money with thousands separators, shares as percentages.

/// Money rounded to whole units with thousands separators: 1234567.8 → "1,234,568".
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return "?".into();
    }
    let rounded = x.round();
    let negative = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A fraction as a percentage: whole percent from 10 % up, one decimal below
/// (0.256 → "26%", 0.026 → "2.6%", 0.0004 → "0.04%").
pub fn percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return "?".into();
    }
    let p = fraction * 100.0;
    let a = p.abs();
    let text = if a >= 10.0 || a == 0.0 {
        format!("{p:.0}")
    } else if a >= 0.1 {
        format!("{p:.1}")
    } else {
        format!("{p:.2}")
    };
    format!("{text}%")
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
    }

    #[test]
    fn hours_drop_needless_decimals() {
        assert_eq!(hours(2.0), "2");
        assert_eq!(hours(2.25), "2.2");
        assert_eq!(hours(0.5), "0.5");
    }
}
