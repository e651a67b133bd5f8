//! Being at home in the shell: completion scripts that complete fact ids, sectors and tags from
//! the sheet at completion time, and a man page.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use std::borrow::Cow;
use std::ffi::OsString;

use clap_complete::env::{Elvish, EnvCompleter, Fish, Powershell, Shells, Zsh};
use clap_complete::{ArgValueCandidates, CompletionCandidate};
use roff::{Roff, bold, italic, roman};

use crate::cli::{Cli, Shell};
use crate::load;
use crate::model::Sheet;

/// The environment variable that switches the binary into answering completion requests.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The sheet completions are offered from: the one every command sees, without command-line
/// flags (the shell has not run the command yet). A sheet that fails to load offers nothing.
fn completion_sheet() -> Option<Sheet> {
    load::load(&load::Plan::from_env(false, &[]).ok()?).ok()
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

/// Every full id, and the short form (the part after the sector) of every id whose short form
/// names one fact, since commands accept it: `jf<TAB>` offers `jf17-block3-aircraft`.
fn fact_ids() -> Vec<CompletionCandidate> {
    candidates(|s| {
        let mut slugs: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for f in &s.facts {
            *slugs.entry(f.slug()).or_default() += 1;
        }
        let full = s.facts.iter().map(|f| (f.id.clone(), f.label.clone()));
        let short = s
            .facts
            .iter()
            .filter(|f| slugs.get(f.slug()) == Some(&1))
            .map(|f| (f.slug().to_string(), f.label.clone()));
        full.chain(short).collect()
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
    for (sub, arg) in [("get", "id"), ("show", "id"), ("cite", "id")] {
        if cmd.find_subcommand(sub).is_some() {
            cmd = cmd.mut_subcommand(sub, |c| {
                c.mut_arg(arg, |a| a.add(ArgValueCandidates::new(fact_ids)))
            });
        }
    }
    for sub in ["list", "timeline", "search", "cite"] {
        cmd = cmd.mut_subcommand(sub, |c| {
            c.mut_arg("sector", |a| a.add(ArgValueCandidates::new(sector_names)))
                .mut_arg("tag", |a| a.add(ArgValueCandidates::new(tag_names)))
        });
    }
    for sub in ["list", "timeline", "search", "series"] {
        cmd = cmd.mut_subcommand(sub, |c| {
            c.mut_arg("measure", |a| a.add(ArgValueCandidates::new(measure_names)))
        });
    }
    cmd
}

/// The shells pakaz completes in; bash through [`SafeBash`], the others through clap's adapters.
const SHELLS: Shells<'static> = Shells(&[&SafeBash, &Zsh, &Fish, &Elvish, &Powershell]);

/// Whether this run is a completion request: `COMPLETE` names a shell pakaz knows and the first
/// argument is `--`, as the scripts call it. `COMPLETE=1 pakaz get ID` or `COMPLETE=bash pakaz
/// get ID` (a variable left over in the environment) is a normal run.
pub fn is_completion_request(complete: Option<&std::ffi::OsStr>, args: &[OsString]) -> bool {
    let Some(shell) = complete.and_then(|s| s.to_str()) else {
        return false;
    };
    SHELLS.completer(shell).is_some() && args.get(1).is_some_and(|a| a == "--")
}

/// Answers a completion request when the shell asks for one (`COMPLETE=bash pakaz -- ...`);
/// returns without doing anything otherwise.
pub fn answer_completion_request() {
    let args: Vec<OsString> = std::env::args_os().collect();
    if !is_completion_request(std::env::var_os(COMPLETE_VAR).as_deref(), &args) {
        return;
    }
    clap_complete::CompleteEnv::with_factory(command)
        .var(COMPLETE_VAR)
        .shells(SHELLS)
        .complete();
}

/// Whether a character can stand unquoted in a bash word without meaning anything to the shell.
fn is_plain_in_bash(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',' | ':' | '@' | '%' | '+' | '=')
}

/// A completion candidate as it must reach a bash command line: as it is when every character
/// is plain, otherwise in single quotes (a `'` inside written `'\''`), so that `$(...)`, `*` or
/// a space in a sheet's tag is text, not code, a glob or a word break. `None` for a candidate
/// that cannot be typed sensibly (empty, or holding a control or invisible character).
pub fn bash_candidate(value: &str) -> Option<Cow<'_, str>> {
    if value.is_empty() || value.chars().any(crate::text::is_unsafe) {
        return None;
    }
    if value.chars().all(is_plain_in_bash) && !value.starts_with(['-', '=']) {
        return Some(Cow::Borrowed(value));
    }
    Some(Cow::Owned(format!("'{}'", value.replace('\'', "'\\''"))))
}

/// Removes bash quoting from the word being completed (`'off`, `"off`, `off\ d`), so that a
/// word the user started to quote still matches the candidates.
pub(crate) fn bash_unquote(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'') | (None, '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '\\') | (Some('"'), '\\') => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    out
}

/// The bash adapter. clap's puts candidates unquoted into `COMPREPLY=( $(...) )`, where bash
/// expands globs in them and inserts them into the command line as they are, so a tag such as
/// `zz$(touch x)` from a sheet ran when the completed line did. This one quotes every candidate
/// ([`bash_candidate`]) and its script reads the answer with `read`, which expands nothing.
#[derive(Clone, Copy, Debug)]
pub struct SafeBash;

impl EnvCompleter for SafeBash {
    fn name(&self) -> &'static str {
        "bash"
    }

    fn is(&self, name: &str) -> bool {
        name == "bash"
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> io::Result<()> {
        let script = BASH_REGISTRATION
            .replace("NAME", &name.replace('-', "_"))
            .replace("BIN", bin)
            .replace("COMPLETER", completer)
            .replace("VAR", var);
        buf.write_all(script.as_bytes())
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        mut args: Vec<OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> io::Result<()> {
        let index: usize = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok())
            .unwrap_or_default();
        let ifs = std::env::var("_CLAP_IFS").unwrap_or_else(|_| "\n".to_string());
        if let Some(word) = args.get_mut(index) {
            if let Some(text) = word.to_str() {
                *word = OsString::from(bash_unquote(text));
            }
        }
        let completions = clap_complete::engine::complete(cmd, args, index, current_dir)?;
        for candidate in &completions {
            let value = candidate.get_value().to_string_lossy();
            if let Some(quoted) = bash_candidate(&value) {
                // Each candidate ends with the separator, so the script's `read` loop sees the
                // last one whole.
                write!(buf, "{quoted}{ifs}")?;
            }
        }
        Ok(())
    }
}

/// The script `pakaz completions bash` prints. As clap's, but the answer is split with `read`
/// (no pathname expansion) instead of an unquoted `$(...)`.
const BASH_REGISTRATION: &str = r#"
_pakaz_complete_NAME() {
    local IFS=$'\013'
    local _CLAP_COMPLETE_INDEX=${COMP_CWORD}
    local _CLAP_COMPLETE_COMP_TYPE=${COMP_TYPE}
    if compopt +o nospace 2> /dev/null; then
        local _CLAP_COMPLETE_SPACE=false
    else
        local _CLAP_COMPLETE_SPACE=true
    fi
    local words=("${COMP_WORDS[@]}")
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        words[COMP_CWORD]="$2"
    fi
    local answer candidate
    answer=$( \
        _CLAP_IFS="$IFS" \
        _CLAP_COMPLETE_INDEX="$_CLAP_COMPLETE_INDEX" \
        _CLAP_COMPLETE_COMP_TYPE="$_CLAP_COMPLETE_COMP_TYPE" \
        _CLAP_COMPLETE_SPACE="$_CLAP_COMPLETE_SPACE" \
        VAR="bash" \
        "COMPLETER" -- "${words[@]}" \
    )
    if [[ $? != 0 ]]; then
        unset COMPREPLY
        return
    fi
    COMPREPLY=()
    while IFS= read -r -d $'\013' candidate; do
        COMPREPLY+=("$candidate")
    done <<< "$answer"
    if [[ $_CLAP_COMPLETE_SPACE == false ]] && [[ "${COMPREPLY-}" =~ [=/:]$ ]]; then
        compopt -o nospace
    fi
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -o nospace -o bashdefault -o nosort -F _pakaz_complete_NAME BIN
else
    complete -o nospace -o bashdefault -F _pakaz_complete_NAME BIN
fi
"#;

/// Writes the script a shell sources to get completions. The script calls `pakaz` back at
/// completion time, so ids from newly added sheets complete without a new script.
pub fn write_completions(shell: Shell, out: &mut dyn Write) -> io::Result<()> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &SafeBash,
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

/// `pakaz man`: the page of pakaz itself or of one command to `out`, or with `dir` every page
/// into that directory.
pub fn man(command: Option<&str>, dir: Option<&Path>, out: &mut dyn Write) -> anyhow::Result<()> {
    match (command, dir) {
        (_, Some(dir)) => {
            let write = |name: &str, page: &dyn Fn(&mut dyn Write) -> io::Result<()>| {
                let path = dir.join(format!("{name}.1"));
                let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
                page(&mut file)?;
                file.flush()
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            };
            let in_dir =
                |e: io::Error| anyhow::anyhow!("writing man pages into {}: {e}", dir.display());
            write("pakaz", &write_man).map_err(in_dir)?;
            for sub in pages().get_subcommands() {
                let name = sub.get_display_name().unwrap_or(sub.get_name()).to_string();
                write(&name, &|w: &mut dyn Write| {
                    clap_mangen::Man::new(sub.clone()).render(w)
                })
                .map_err(in_dir)?;
            }
            Ok(())
        }
        (Some(name), None) => {
            let pages = pages();
            let Some(sub) = pages.find_subcommand(name) else {
                let names: Vec<&str> = pages.get_subcommands().map(|c| c.get_name()).collect();
                anyhow::bail!(
                    "no command '{}'{}; the commands are: {}",
                    crate::text::sanitize(name),
                    crate::diag::did_you_mean(name, names.iter().copied()),
                    names.join(", ")
                );
            };
            clap_mangen::Man::new(sub.clone()).render(out)?;
            Ok(())
        }
        (None, None) => Ok(write_man(out)?),
    }
}

/// The command tree as the man pages show it: each command named as its page,
/// `pakaz-list`, with `pakaz list` in its synopsis.
fn pages() -> clap::Command {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    cmd
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
    fn bash_candidates_are_plain_or_quoted() {
        assert_eq!(bash_candidate("exercise").as_deref(), Some("exercise"));
        assert_eq!(
            bash_candidate("tourism.visitors-2024").as_deref(),
            Some("tourism.visitors-2024")
        );
        assert_eq!(
            bash_candidate("official data").as_deref(),
            Some("'official data'")
        );
        assert_eq!(
            bash_candidate("zz$(touch x)").as_deref(),
            Some("'zz$(touch x)'")
        );
        assert_eq!(bash_candidate("*").as_deref(), Some("'*'"));
        assert_eq!(bash_candidate("~root").as_deref(), Some("'~root'"));
        assert_eq!(bash_candidate("-x").as_deref(), Some("'-x'"));
        assert_eq!(bash_candidate("it's").as_deref(), Some(r"'it'\''s'"));
        assert_eq!(bash_candidate("a\nb"), None);
        assert_eq!(bash_candidate(""), None);
    }

    #[test]
    fn a_started_quote_is_removed_from_the_word_completed() {
        assert_eq!(bash_unquote("'offic"), "offic");
        assert_eq!(bash_unquote("\"offic"), "offic");
        assert_eq!(bash_unquote(r"official\ d"), "official d");
        assert_eq!(bash_unquote(r"'it'\''s"), "it's");
    }

    #[test]
    fn only_a_call_from_a_script_is_a_completion_request() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        let bash = Some(std::ffi::OsStr::new("bash"));
        assert!(is_completion_request(
            bash,
            &args(&["pakaz", "--", "pakaz", "get"])
        ));
        assert!(!is_completion_request(bash, &args(&["pakaz", "get", "x"])));
        assert!(!is_completion_request(
            Some("1".as_ref()),
            &args(&["pakaz", "--", "pakaz"])
        ));
        assert!(!is_completion_request(
            None,
            &args(&["pakaz", "--", "pakaz"])
        ));
    }

    #[test]
    fn command_with_completers_is_consistent() {
        command().debug_assert();
    }
}
