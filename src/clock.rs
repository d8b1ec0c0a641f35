//! Today, in the browser's own calendar (the rep's time zone): the day of the review.

use account_lens_engine::Date;

/// Today's date as the browser's clock and time zone give it.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(1970);
    Date::from_ymd(year, now.get_month() + 1, now.get_date())
        .unwrap_or_else(|| Date::from_days_since_epoch(0))
}
