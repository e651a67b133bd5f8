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

/// The usage block in docs/usage.md is `pakaz --help` verbatim; this fails when they drift apart.
#[test]
fn readme_usage_block_matches_help() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/usage.md")).unwrap();
    let start_marker = "```text\n$ pakaz --help\n";
    let start = readme
        .find(start_marker)
        .expect("docs/usage.md has a usage block")
        + start_marker.len();
    let end = start + readme[start..].find("```").unwrap();
    let block = &readme[start..end];
    let out = pakaz().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        block, help,
        "docs/usage.md usage block differs from `pakaz --help`; paste the new help into it"
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

/// Whether an external program is there; in CI (`CI` set) it must be, so a missing one fails
/// the test rather than skipping it.
fn have(program: &str) -> bool {
    let found = StdCommand::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found || std::env::var_os("CI").is_none(),
        "{program} is needed for this test"
    );
    found
}

/// Runs `script` in a real terminal (a tmux pane `width` columns wide, with no `COLUMNS` set)
/// and returns what the screen shows once it has finished.
fn in_terminal(script: &str, width: u16) -> String {
    let socket = format!("pakaz-test-{}-{width}-{}", std::process::id(), script.len());
    let tmux = |args: &[&str]| {
        StdCommand::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("COLUMNS")
            .output()
            .unwrap()
    };
    let bin = assert_cmd::cargo::cargo_bin!("pakaz").display().to_string();
    let wrapped = format!(
        "unset COLUMNS LESS NO_COLOR; export TERM=xterm PATH=\"$(dirname '{bin}'):$PATH\"; {script}; echo __DONE__; sleep 30"
    );
    let started = tmux(&[
        "new-session",
        "-d",
        "-x",
        &width.to_string(),
        "-y",
        "60",
        "sh",
        "-c",
        &wrapped,
    ]);
    assert!(started.status.success(), "{started:?}");
    let mut screen = String::new();
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        screen = String::from_utf8_lossy(&tmux(&["capture-pane", "-p"]).stdout).into_owned();
        if screen.contains("__DONE__") {
            break;
        }
    }
    tmux(&["kill-server"]);
    assert!(
        screen.contains("__DONE__"),
        "the command did not finish:\n{screen}"
    );
    screen
}

#[test]
fn on_a_terminal_list_takes_one_line_per_fact_and_pages() {
    if !have("tmux") {
        return;
    }
    // Two sectors: all their rows fit on the 60-line screen.
    let screen = in_terminal(
        "pakaz --color never --no-pager list --sector tourism,trade",
        80,
    );
    let ids: Vec<String> = sheet()
        .facts
        .iter()
        .filter(|f| matches!(f.sector(), "tourism" | "trade"))
        .map(|f| f.id.clone())
        .collect();
    assert!(ids.len() > 20 && ids.len() < 55, "{}", ids.len());
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| ids.iter().any(|id| l.trim_start().starts_with(id.as_str())))
        .collect();
    assert_eq!(rows.len(), ids.len(), "{screen}");
    // Each id whole, at the start of its own line.
    for id in &ids {
        assert!(
            rows.iter()
                .any(|l| l.split_whitespace().next() == Some(id.as_str())),
            "{id}:\n{screen}"
        );
    }

    let paged = in_terminal(
        "PAGER='sed s/^/PAGED:/' pakaz --color never list --sector trade",
        100,
    );
    assert!(
        paged.contains("PAGED: trade.turnover-2025-jan-sep"),
        "{paged}"
    );
    let unpaged = in_terminal(
        "PAGER='sed s/^/PAGED:/' pakaz --color never --no-pager list --sector trade",
        100,
    );
    assert!(!unpaged.contains("PAGED:"), "{unpaged}");
    assert!(
        unpaged.contains(" trade.turnover-2025-jan-sep"),
        "{unpaged}"
    );
}

#[test]
fn get_on_a_terminal_names_the_hedge_and_source_on_stderr() {
    if !have("tmux") {
        return;
    }
    let screen = in_terminal(
        "pakaz get visitors-2025-jan-jul; pakaz get visitors-2025-jan-jul | sed s/^/PIPED:/",
        120,
    );
    assert!(screen.contains("≈ 46,000 people"), "{screen}");
    assert!(screen.contains("The Gulf Observer"), "{screen}");
    assert!(screen.contains("PIPED:46000"), "{screen}");
    // Through a pipe only the number goes on; the note is for the person at the terminal,
    // and is written once for the first command only.
    assert_eq!(screen.matches("The Gulf Observer").count(), 1, "{screen}");
}

#[test]
fn every_command_has_a_man_page_that_lists_its_options() {
    let dir = tempfile::tempdir().unwrap();
    pakaz()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let main = std::fs::read_to_string(dir.path().join("pakaz.1")).unwrap();
    let render = have("man");
    for sub in pakaz::cli::Cli::command().get_subcommands() {
        let name = sub.get_name();
        // The page `pakaz man` names exists, and `pakaz man NAME` prints the same page.
        assert!(main.contains(&format!("pakaz\\-{name}(1)")), "{name}");
        let path = dir.path().join(format!("pakaz-{name}.1"));
        let page = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let printed = pakaz().args(["man", name]).output().unwrap();
        assert_eq!(String::from_utf8(printed.stdout).unwrap(), page, "{name}");
        if !render {
            continue;
        }
        let rendered = StdCommand::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "200")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&rendered.stdout);
        assert!(rendered.status.success(), "{name}: {rendered:?}");
        assert!(
            !String::from_utf8_lossy(&rendered.stderr).contains("warning"),
            "{name}: {rendered:?}"
        );
        assert!(text.contains(&format!("pakaz-{name}")), "{name}:\n{text}");
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                // man renders `-` as U+2010 in some locales; compare letters only.
                let shown = text.replace('‐', "-");
                assert!(
                    shown.contains(&format!("--{long}")),
                    "{name}: --{long} missing:\n{text}"
                );
            }
        }
    }
    // The field list of --format json is in the page, not only in the README.
    let list = std::fs::read_to_string(dir.path().join("pakaz-list.1")).unwrap();
    assert!(
        list.contains("qualifier") && list.contains("origin"),
        "{list}"
    );
    pakaz()
        .args(["man", "lsit"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean 'list'"));
}

#[test]
fn short_ids_complete() {
    let got = complete_bash(&["pakaz", "show", "jf"]);
    assert_eq!(
        got,
        [
            "jf17-block3-aircraft",
            "jf17-deal-value",
            "jf17-deal-aircraft-2024",
            "jf17-deal-value-atlas",
            "jf17-first-batch"
        ]
    );
    // Full ids still complete, and a short form shared by two sectors would not be offered.
    assert!(
        complete_bash(&["pakaz", "cite", "defence.jf"])
            .contains(&"defence.jf17-block3-aircraft".to_string())
    );
}

/// A terminal running bash, driven through tmux: keys in, the screen out.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    /// Starts `bash --norc` in `dir` with `env`, at 200 columns so no line wraps.
    fn bash(dir: &std::path::Path, env: &[(&str, &std::ffi::OsStr)]) -> Option<Tmux> {
        if StdCommand::new("tmux").arg("-V").output().is_err() {
            assert!(std::env::var_os("CI").is_none(), "tmux is needed in CI");
            eprintln!("tmux is missing: skipped");
            return None;
        }
        let tmux = Tmux {
            socket: dir.join("tmux.sock"),
        };
        let mut cmd = StdCommand::new("tmux");
        cmd.arg("-S")
            .arg(&tmux.socket)
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-x",
                "200",
                "-y",
                "20",
            ])
            .arg("-c")
            .arg(dir)
            .args(["env", "-i"]);
        for (k, v) in env {
            cmd.arg(format!("{k}={}", v.to_str().unwrap()));
        }
        cmd.args(["TERM=xterm", "bash", "--norc", "--noprofile"]);
        assert!(cmd.status().unwrap().success());
        Some(tmux)
    }

    fn keys(&self, keys: &[&str]) {
        let ok = StdCommand::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["send-keys", "-t", "0"])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn screen(&self) -> String {
        let out = StdCommand::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["capture-pane", "-p", "-t", "0"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Clears the line and the screen, and waits until bash has done so.
    fn fresh(&self, n: u32) {
        self.keys(&["C-u", &format!("clear; echo fresh-$((1+{n}))"), "Enter"]);
        self.wait_for(&format!("fresh-{}", n + 1));
    }

    /// Waits until the screen shows `text` (up to 10 s) and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        for _ in 0..200 {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the terminal never showed {text:?}:\n{}", self.screen());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = StdCommand::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .arg("kill-server")
            .status();
    }
}

#[test]
fn bash_completion_inserts_a_sheets_tags_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let facts_d = dir.path().join("config/pakaz/facts.d");
    std::fs::create_dir_all(&facts_d).unwrap();
    std::fs::write(
        facts_d.join("tags.toml"),
        r#"
[[facts]]
id = "tourism.tagged"
label = "A fact with awkward tags"
value = 1
unit = "people"
period = "2024"
tags = ["zz$(touch PWNED)", "*", "qq's"]
source = { key = "pbs-2025" }

[sources.pbs-2025]
title = "Pakistan Tourism Statistics 2025"
publisher = "Pakistan Bureau of Statistics"
"#,
    )
    .unwrap();
    // Files for a `*` to expand to, were it expanded.
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    std::fs::write(work.join("a-file"), "").unwrap();
    let bin = std::path::Path::new(assert_cmd::cargo::cargo_bin!("pakaz"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let config = dir.path().join("config");
    let Some(term) = Tmux::bash(
        &work,
        &[
            ("PATH", path.as_os_str()),
            ("XDG_CONFIG_HOME", config.as_os_str()),
            ("PS1", "$ ".as_ref()),
            ("HOME", dir.path().as_os_str()),
        ],
    ) else {
        return;
    };
    term.keys(&["source <(pakaz completions bash); echo sourced", "Enter"]);
    term.wait_for("\nsourced");

    // `zz$` completes to the whole tag in quotes; Enter passes it as text.
    term.keys(&["pakaz list --tag zz$", "Tab"]);
    let screen = term.wait_for("--tag 'zz$(touch PWNED)'");
    assert!(!screen.contains("--tag zz$(touch"), "{screen}");
    term.keys(&["Enter"]);
    term.wait_for("tourism.tagged");
    assert!(!work.join("PWNED").exists(), "the tag ran as code");

    // `*` is a tag, not the files of the current directory.
    term.fresh(1);
    term.keys(&["pakaz list --tag '*' --format csv | wc -l", "Enter"]);
    term.wait_for("\n2\n");
    term.fresh(2);
    term.keys(&["pakaz list --tag \\*", "Tab"]);
    let screen = term.wait_for("--tag '*'");
    assert!(!screen.contains("a-file"), "{screen}");

    // The bundled two-word tag stays one word; a quote inside a tag is kept; a word the user
    // began to quote still completes.
    term.fresh(3);
    // (`offic` alone would stop at `official`, which is a tag of its own.)
    term.keys(&["pakaz list --tag official\\ d", "Tab"]);
    term.wait_for("--tag 'official data'");
    term.fresh(4);
    term.keys(&["pakaz list --tag qq", "Tab"]);
    term.wait_for(r"--tag 'qq'\''s'");
    term.fresh(5);
    term.keys(&["pakaz list --tag 'official d", "Tab"]);
    term.wait_for("--tag 'official data'");
    term.keys(&["C-u", "echo done", "Enter"]);
    term.wait_for("\ndone");
}

#[test]
fn a_complete_variable_left_in_the_environment_is_not_a_completion_request() {
    for value in ["1", "bash", "zsh"] {
        pakaz()
            .env("COMPLETE", value)
            .args(["get", "tourism.visitors-2024"])
            .assert()
            .success()
            .stdout("80924\n")
            .stderr("");
    }
}
