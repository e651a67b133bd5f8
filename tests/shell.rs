//! pakaz in the shell and the editor: completions, the man page, help text and the README.

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
