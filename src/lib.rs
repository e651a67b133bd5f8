//! pakaz: sourced facts and figures on Pakistan–Azerbaijan relations.
//!
//! The layers, from the outside in: [`cli`] describes the command line, [`app`] turns it into
//! settings and runs a command, and the engine ([`sheet`], [`query`], [`search`], [`render`])
//! works on plain data.

pub mod app;
pub mod bundled;
pub mod check;
pub mod cite;
pub mod cli;
pub mod diag;
pub mod exit;
pub mod figure;
pub mod load;
pub mod model;
pub mod period;
pub mod query;
pub mod quick;
pub mod render;
pub mod schema;
pub mod search;
pub mod shape;
pub mod sheet;
pub mod shell;
pub mod text;
