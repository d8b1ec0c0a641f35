//! Today, in the browser's own calendar (the rep's time zone): the day of the review; and the
//! time work takes, for the browser's performance tools.

use account_lens_engine::Date;

/// Today's date as the browser's clock and time zone give it.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(1970);
    Date::from_ymd(year, now.get_month() + 1, now.get_date())
        .unwrap_or_else(|| Date::from_days_since_epoch(0))
}

/// Runs `work`, recording how long it took as the performance measure `name` (seen in the
/// browser's developer tools and read by the benchmark), on the page or in the worker. Without
/// a `performance` object (natively, in tests) the work just runs.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = performance() else {
        return work();
    };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let done = work();
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
    done
}

/// The `performance` object of the page or of the worker.
fn performance() -> Option<web_sys::Performance> {
    use wasm_bindgen::JsCast;
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()?
        .dyn_into::<web_sys::Performance>()
        .ok()
}
