//! The two command lines scripts run in loops, `pakaz get ID` and `pakaz list`, read without
//! building clap's command tree.
//!
//! Building the tree (every command, flag and help text) is most of what pakaz costs above
//! a bare process start. A command line of exactly these shapes means one thing, so it is
//! read here; anything else, including any flag, goes to clap. A test checks that each
//! shape gives what clap gives.

use std::ffi::OsString;

use crate::cli::{Cli, ColorChoice, Command, FilterArgs, Format, ListArgs, OutputArgs};

/// The [`Cli`] clap would parse from these arguments (program name first), when they are
/// `get ID` (an id that is not empty and does not look like a flag) or `list`; `None` for
/// anything else.
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let command = match args.get(1..)? {
        [cmd] if cmd == "list" => Command::List(ListArgs {
            filter: FilterArgs::default(),
            sort: None,
            output: OutputArgs {
                format: Format::Table,
                wide: false,
                csv_safe: false,
            },
        }),
        [cmd, id] if cmd == "get" => {
            let id = id.to_str()?;
            if id.is_empty() || id.starts_with('-') {
                return None;
            }
            Command::Get {
                ids: vec![id.to_string()],
                field: None,
            }
        }
        _ => return None,
    };
    Some(Cli {
        command: Some(command),
        color: ColorChoice::Auto,
        facts: Vec::new(),
        no_bundled: false,
        no_pager: false,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        std::iter::once("pakaz")
            .chain(words.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn each_shape_reads_as_clap_reads_it() {
        for words in [
            &["list"][..],
            &["get", "tourism.visitors-2024"],
            &["get", "visitors-2024"],
            &["get", "help"],
            &["get", "Tourism.Visitors-2024 "],
            &["get", "ü"],
        ] {
            let quick = parse(&args(words)).expect("a quick shape");
            let clap = Cli::try_parse_from(args(words)).expect("clap parses it");
            assert_eq!(format!("{quick:?}"), format!("{clap:?}"), "{words:?}");
        }
    }

    #[test]
    fn everything_else_goes_to_clap() {
        for words in [
            &[][..],
            &["get"],
            &["get", ""],
            &["get", "-h"],
            &["get", "--help"],
            &["get", "--", "x"],
            &["get", "x", "--field", "unit"],
            &["get", "x", "y"],
            &["list", "--sector", "tourism"],
            &["list", "-h"],
            &["--color", "never", "list"],
            &["list", "--no-bundled"],
            &["show", "x"],
            &["--version"],
            &["lis"],
        ] {
            assert!(parse(&args(words)).is_none(), "{words:?}");
        }
    }
}
