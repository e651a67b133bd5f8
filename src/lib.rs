//! pakaz: sourced facts and figures on Pakistan–Azerbaijan relations.
//!
//! The layers, from the outside in: [`cli`] describes the command line, [`app`] turns it into
//! settings and runs a command, and the engine ([`sheet`], [`query`], [`search`], [`render`])
//! works on plain data.

// Outside tests nothing may panic or print past the one locked, buffered stdout writer (see
// `app::run`) and the single error line in `main.rs`.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::print_stdout,
        clippy::print_stderr
    )
)]

pub mod app;
pub mod chart;
pub mod check;
pub mod cite;
pub mod cli;
pub mod diag;
pub mod exit;
pub mod figure;
pub mod load;
pub mod lsp;
pub mod model;
pub mod period;
#[doc(hidden)]
pub mod props;
pub mod query;
pub mod quick;
pub mod render;
pub mod schema;
pub mod search;
pub mod series;
pub mod sheet;
pub mod shell;
pub mod text;
