//! Being at home in the shell: completion scripts that complete fact ids, sectors and tags from
//! the sheet at completion time, and a man page.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use clap_complete::{ArgValueCandidates, CompletionCandidate};
use roff::{Roff, bold, italic, roman};

use crate::cli::{Cli, Shell};
use crate::model::Sheet;

/// The environment variable that switches the binary into answering completion requests.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The sheet completions are offered from: the one every command sees, without command-line
/// flags (the shell has not run the command yet). A sheet that fails to load offers nothing.
fn completion_sheet() -> Option<Sheet> {
    crate::app::load_sheet().ok()
}

fn candidates(pick: fn(&Sheet) -> Vec<(String, String)>) -> Vec<CompletionCandidate> {
    completion_sheet()
        .map(|sheet| {
            pick(&sheet)
                .into_iter()
                .map(|(value, help)| CompletionCandidate::new(value).help(Some(help.into())))
                .collect()
        })
        .unwrap_or_default()
}

fn fact_ids() -> Vec<CompletionCandidate> {
    candidates(|s| {
        s.facts
            .iter()
            .map(|f| (f.id.clone(), f.label.clone()))
            .collect()
    })
}

fn sector_names() -> Vec<CompletionCandidate> {
    candidates(|s| {
        s.sectors
            .iter()
            .map(|x| (x.name.clone(), x.description.clone()))
            .collect()
    })
}

fn tag_names() -> Vec<CompletionCandidate> {
    candidates(|s| {
        let mut tags: Vec<String> = s.facts.iter().flat_map(|f| f.tags.clone()).collect();
        tags.sort();
        tags.dedup();
        tags.into_iter().map(|t| (t, String::new())).collect()
    })
}

fn measure_names() -> Vec<CompletionCandidate> {
    candidates(|s| {
        let index = crate::series::Index::new(s);
        index
            .measures()
            .map(|(m, facts)| {
                let series = crate::series::Series::of(m, facts);
                (m.to_string(), series.label().to_string())
            })
            .collect()
    })
}

/// The clap command with value completers attached to the arguments that name facts, sectors
/// and tags. The completers live here, not in `cli.rs`, so the CLI definition stays declarative.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    for sub in ["get", "show", "cite"] {
        if cmd.find_subcommand(sub).is_some() {
            cmd = cmd.mut_subcommand(sub, |c| {
                c.mut_arg("id", |a| a.add(ArgValueCandidates::new(fact_ids)))
            });
        }
    }
    for sub in ["list", "timeline"] {
        cmd = cmd.mut_subcommand(sub, |c| {
            c.mut_arg("sector", |a| a.add(ArgValueCandidates::new(sector_names)))
        });
    }
    for sub in ["list", "search", "timeline"] {
        cmd = cmd.mut_subcommand(sub, |c| {
            c.mut_arg("measure", |a| a.add(ArgValueCandidates::new(measure_names)))
        });
    }
    cmd = cmd.mut_subcommand("series", |c| {
        c.mut_arg("measure", |a| a.add(ArgValueCandidates::new(measure_names)))
    });
    cmd.mut_subcommand("list", |c| {
        c.mut_arg("tag", |a| a.add(ArgValueCandidates::new(tag_names)))
    })
}

/// Answers a completion request when the shell asks for one (`COMPLETE=bash pakaz -- ...`);
/// returns without doing anything otherwise.
pub fn answer_completion_request() {
    clap_complete::CompleteEnv::with_factory(command)
        .var(COMPLETE_VAR)
        .complete();
}

/// Writes the script a shell sources to get completions. The script calls `pakaz` back at
/// completion time, so ids from newly added sheets complete without a new script.
pub fn write_completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Elvish => &Elvish,
        Shell::Powershell => &Powershell,
    };
    completer.write_registration(COMPLETE_VAR, "pakaz", "pakaz", "pakaz", out)
}

fn section(roff: &mut Roff, title: &str) {
    roff.control("SH", [title]);
}

fn item(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", [])
        .text([bold(term)])
        .text([roman(text)]);
}

/// The man page: clap's sections plus exit status, environment, files and examples.
pub fn write_man(out: &mut dyn Write) -> io::Result<()> {
    let man = clap_mangen::Man::new(command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;

    let mut roff = Roff::new();
    section(&mut roff, "EXIT STATUS");
    item(&mut roff, "0", "Success.");
    item(
        &mut roff,
        "1",
        "Nothing found: an unknown id, a field the fact lacks, a filter or search that matched nothing, or a draft whose figures disagree with the sheet.",
    );
    item(
        &mut roff,
        "2",
        "Bad usage or bad input: an unknown flag or sector, an unreadable file, an invalid sheet.",
    );

    section(&mut roff, "ENVIRONMENT");
    item(
        &mut roff,
        "PAKAZ_FACTS",
        "Extra sheet files to load on top of the bundled one, separated like PATH.",
    );
    item(
        &mut roff,
        "NO_COLOR",
        "When set to a non-empty value, --color auto never colours output.",
    );
    item(
        &mut roff,
        "XDG_CONFIG_HOME",
        "Where the configuration directory is (default ~/.config); sheets in pakaz/facts.d/ below it are loaded in name order.",
    );
    item(
        &mut roff,
        "COLUMNS",
        "The width tables fit; by default the terminal's width, and no limit in a pipe.",
    );
    item(
        &mut roff,
        "COMPLETE",
        "Set by the completion scripts when the shell asks pakaz for completions.",
    );

    section(&mut roff, "FILES");
    roff.control("TP", [])
        .text([italic("$XDG_CONFIG_HOME/pakaz/facts.d/*.toml")])
        .text([roman(
            "The user's own fact sheets, read after the bundled sheet; a fact with an id that already exists replaces the earlier one.",
        )]);

    section(&mut roff, "EXAMPLES");
    for (cmd, what) in [
        (
            "pakaz list --sector tourism",
            "Facts of one sector as a table.",
        ),
        (
            "pakaz get tourism.visitors-2024",
            "One bare value, for scripts: 80924.",
        ),
        (
            "pakaz show trade.turnover-2025-jan-sep",
            "A fact in full, with its source.",
        ),
        (
            "pakaz search jf17",
            "Find facts by any word, typos forgiven.",
        ),
        (
            "pakaz list --since 2025 --format json",
            "Facts from 2025 on, as JSON.",
        ),
        ("source <(pakaz completions bash)", "Completions in bash."),
    ] {
        roff.control("TP", []).text([bold(cmd)]).text([roman(what)]);
    }
    roff.to_writer(out)?;

    man.render_version_section(out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completers_offer_the_sheet() {
        let ids = fact_ids();
        assert!(ids.iter().any(|c| c.get_value() == "tourism.visitors-2024"));
        assert!(sector_names().iter().any(|c| c.get_value() == "defence"));
        assert!(tag_names().iter().any(|c| c.get_value() == "exercise"));
    }

    #[test]
    fn command_with_completers_is_consistent() {
        command().debug_assert();
    }
}
