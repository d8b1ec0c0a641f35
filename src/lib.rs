//! Account Lens in the browser: the Yew shell over the workbook importer and the engine.
//!
//! The data flows one way: a file's bytes → the worker ([`worker`], running [`load`]) → the
//! accounts as a [`protocol::Analysis`] → [`state::State`], where the rules run under the
//! user's settings and overrides → the components. What is kept between visits goes to
//! [`storage`] after every change. The page's thread never parses a workbook; [`analyst`] is
//! its side of the worker. Nothing the user loads leaves the page.

pub mod accounts_codec;
pub mod analyst;
pub mod app;
pub mod clock;
pub mod components;
pub mod crash;
pub mod download;
pub mod load;
pub mod protocol;
pub mod state;
pub mod storage;
pub mod table_view;
pub mod worker;

pub use app::App;
