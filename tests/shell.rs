//! pakaz in the shell and the editor: completions, the man page, help text and the README.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use std::process::Command as StdCommand;

use assert_cmd::Command;
use clap::CommandFactory;

fn pakaz() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd
}

fn sheet() -> pakaz::model::Sheet {
    pakaz::sheet::bundled().expect("bundled sheet loads")
}

/// What the binary answers when bash asks it to complete `words` (the last word is the prefix).
fn complete_bash(words: &[&str]) -> Vec<String> {
    let out = pakaz()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn completing_get_offers_the_matching_fact_ids() {
    let got = complete_bash(&["pakaz", "get", "tour"]);
    let expected: Vec<String> = sheet()
        .facts
        .iter()
        .filter(|f| f.id.starts_with("tour"))
        .map(|f| f.id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    assert!(
        complete_bash(&["pakaz", "show", "defence.jf"])
            .contains(&"defence.jf17-block3-aircraft".to_string())
    );
}

#[test]
fn completing_sectors_and_tags_uses_the_sheet() {
    assert_eq!(
        complete_bash(&["pakaz", "list", "--sector", "tou"]),
        vec!["tourism"]
    );
    assert_eq!(
        complete_bash(&["pakaz", "timeline", "--sector", "med"]),
        vec!["media"]
    );
    assert!(complete_bash(&["pakaz", "list", "--tag", "exer"]).contains(&"exercise".to_string()));
}

#[test]
fn completion_scripts_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -o nospace"),
        ("zsh", "compdef"),
        ("fish", "complete --keep-order"),
        ("elvish", "set edit:completion:arg-completer[pakaz]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = pakaz().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("COMPLETE"),
            "{shell} script does not call pakaz back"
        );
    }
    pakaz().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn bash_accepts_the_completion_script() {
    let Ok(status) = StdCommand::new("bash").arg("--version").output() else {
        return; // no bash here: the script's syntax cannot be checked
    };
    assert!(status.status.success());
    let out = pakaz().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pakaz.bash");
    std::fs::write(&path, &out.stdout).unwrap();
    let check = StdCommand::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn man_page_renders_with_its_sections() {
    let out = pakaz().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.starts_with(".TH"),
        "{}",
        &page[..80]
    );
    assert!(page.contains(".TH pakaz 1"));
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "SUBCOMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
    ] {
        assert!(
            page.contains(&format!(".SH {section}"))
                || page.contains(&format!(".SH \"{section}\"")),
            "{section} missing"
        );
    }
    for var in ["PAKAZ_FACTS", "NO_COLOR", "XDG_CONFIG_HOME"] {
        assert!(page.contains(var), "{var} missing");
    }

    // Where man is installed, it must render the page without complaint.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pakaz.1");
    std::fs::write(&path, &page).unwrap();
    if let Ok(rendered) = StdCommand::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
    {
        if rendered.status.success() {
            let text = String::from_utf8_lossy(&rendered.stdout);
            assert!(text.contains("EXIT STATUS"), "{text}");
            assert!(text.contains("PAKAZ_FACTS"));
            assert!(!String::from_utf8_lossy(&rendered.stderr).contains("warning"));
        }
    }
}

#[test]
fn every_command_help_ends_with_examples() {
    let cmd = pakaz::cli::Cli::command();
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        if name == "help" {
            continue;
        }
        let out = pakaz().args([name, "--help"]).output().unwrap();
        assert!(out.status.success(), "{name}");
        let help = String::from_utf8(out.stdout).unwrap();
        let tail = help.rsplit("Examples:").next().unwrap();
        assert!(help.contains("Examples:"), "{name} --help has no examples");
        let examples: Vec<&str> = tail
            .lines()
            .filter(|l| l.trim_start().starts_with("pakaz ") || l.contains("<(pakaz "))
            .collect();
        assert!(
            examples.len() >= 2,
            "{name} --help shows fewer than two examples: {tail}"
        );
    }
}

/// The README's usage block is `pakaz --help` verbatim; this fails when they drift apart.
#[test]
fn readme_usage_block_matches_help() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start_marker = "```text\n$ pakaz --help\n";
    let start = readme.find(start_marker).expect("README has a usage block") + start_marker.len();
    let end = start + readme[start..].find("```").unwrap();
    let block = &readme[start..end];
    let out = pakaz().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        block, help,
        "README usage block differs from `pakaz --help`; paste the new help into README.md"
    );
}

#[test]
fn completion_offers_ids_from_the_users_sheets() {
    let sheet = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/readme/later-figures.toml"
    );
    let out = pakaz()
        .env("PAKAZ_FACTS", sheet)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .env("_CLAP_IFS", "\n")
        .args(["--", "pakaz", "get", "tourism.visitors-20"])
        .output()
        .unwrap();
    let got = String::from_utf8(out.stdout).unwrap();
    assert!(got.lines().any(|l| l == "tourism.visitors-2025"), "{got}");
    assert!(got.lines().any(|l| l == "tourism.visitors-2024"), "{got}");
}

/// Findings of `check` on the README's sample draft, as text lines and as JSON.
fn draft_findings(format: &str) -> String {
    let out = pakaz()
        .current_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/readme"
        ))
        .args([
            "check",
            "--verbose",
            "--all",
            "--format",
            format,
            "draft.md",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// (line, column) of every finding, from the JSON output.
fn json_places() -> Vec<(u64, u64)> {
    let json: serde_json::Value = serde_json::from_str(&draft_findings("json")).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect()
}

/// Vim's default 'errorformat' reads every line of `check` as a quickfix entry at the right place.
#[test]
fn vim_reads_check_output_as_quickfix_entries() {
    let Ok(version) = StdCommand::new("vim").arg("--version").output() else {
        return; // no vim here; the format is also checked against the pattern below
    };
    assert!(version.status.success());
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("errors.txt");
    let result = dir.path().join("qf.txt");
    std::fs::write(&errors, draft_findings("text")).unwrap();
    let status = StdCommand::new("vim")
        .args(["-es", "-N", "-u", "NONE", "-i", "NONE"])
        .arg("-c")
        .arg(format!("cgetfile {}", errors.display()))
        .arg("-c")
        .arg(format!(
            "call writefile(map(getqflist(), {{_, e -> e.valid . ':' . bufname(e.bufnr) . ':' . e.lnum . ':' . e.col}}), '{}')",
            result.display()
        ))
        .arg("-c")
        .arg("qa!")
        .status()
        .unwrap();
    assert!(status.success());
    let entries: Vec<(u64, u64)> = std::fs::read_to_string(&result)
        .unwrap()
        .lines()
        .map(|l| {
            let parts: Vec<&str> = l.split(':').collect();
            assert_eq!(parts[0], "1", "vim did not parse: {l}");
            assert_eq!(parts[1], "draft.md");
            (parts[2].parse().unwrap(), parts[3].parse().unwrap())
        })
        .collect();
    assert_eq!(entries, json_places());
}

/// The same lines match the pattern of VS Code's `$gcc` problem matcher (errors and warnings),
/// and vim's `%f:%l:%c:%m` (every level).
#[test]
fn check_lines_match_editor_patterns() {
    let text = draft_findings("text");
    let places = json_places();
    assert_eq!(text.lines().count(), places.len());
    for (line, (l, c)) in text.lines().zip(places) {
        // %f:%l:%c:%m
        let mut parts = line.splitn(4, ':');
        assert_eq!(parts.next(), Some("draft.md"));
        assert_eq!(parts.next().unwrap().parse::<u64>().unwrap(), l);
        assert_eq!(parts.next().unwrap().parse::<u64>().unwrap(), c);
        let rest = parts.next().unwrap();
        // $gcc: ^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$
        let level = rest.trim_start().split(':').next().unwrap();
        assert!(
            rest.starts_with(' ') && ["error", "warning", "note"].contains(&level),
            "{line}"
        );
        assert!(rest[1 + level.len()..].starts_with(": "), "{line}");
    }
}

#[test]
fn check_github_annotations() {
    let out = draft_findings("github");
    let places = json_places();
    assert_eq!(out.lines().count(), places.len());
    for (line, (l, c)) in out.lines().zip(places) {
        let (head, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        let (level, props) = head.split_once(' ').unwrap();
        assert!(["error", "warning", "notice"].contains(&level), "{line}");
        assert!(props.starts_with(&format!(
            "file=draft.md,line={l},col={c},title=pakaz check%3A "
        )));
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    assert!(out.starts_with("::notice file=draft.md,line=3,col=33,"));
    assert!(
        out.contains("::error file=draft.md,line=3,col=48,title=pakaz check%3A mismatch::85,000")
    );
}
