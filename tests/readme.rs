//! The examples in the README and in `docs/*.md` are real: every `$ pakaz ...` line in a `console`
//! block is run, and its output must be what the page shows beneath it. Commands run in
//! `tests/fixtures/readme/`,
//! which holds the files the README's examples name (`draft.md` is the README's sample draft).
//! `$ echo $?` shows the exit status of the command before it, and a line of just `...` in the
//! shown output stands for any run of lines.

// The crate's lints (Cargo.toml) are for the program; this target may unwrap and print.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    clippy::print_stderr
)]

use assert_cmd::Command;

const README: &str = include_str!("../README.md");
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/readme");

enum Step {
    Run { args: Vec<String> },
    ExitStatus,
}

struct Example {
    line: usize,
    step: Step,
    expected: String,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_console = false;
    let mut current: Option<Example> = None;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            if in_console {
                out.extend(current.take());
            }
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        let step = if line == "$ echo $?" {
            Some(Step::ExitStatus)
        } else {
            line.strip_prefix("$ pakaz").map(|cmd| Step::Run {
                args: shlex::split(cmd).expect("example command is valid shell words"),
            })
        };
        if let Some(step) = step {
            out.extend(current.take());
            current = Some(Example {
                line: i + 1,
                step,
                expected: String::new(),
            });
        } else if let Some(ex) = current.as_mut() {
            ex.expected.push_str(line);
            ex.expected.push('\n');
        }
    }
    out
}

/// Whether `got` is what `shown` shows, where a `...` line in `shown` matches any lines.
fn matches(got: &str, shown: &str) -> bool {
    let parts: Vec<String> = shown
        .split_inclusive('\n')
        .collect::<Vec<_>>()
        .split(|l| l.trim() == "...")
        .map(|p| p.concat())
        .collect();
    if parts.len() == 1 {
        return got == shown;
    }
    let (first, last) = (&parts[0], &parts[parts.len() - 1]);
    if !got.starts_with(first.as_str()) || !got.ends_with(last.as_str()) {
        return false;
    }
    let mut rest = &got[first.len()..got.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle.as_str()) {
            Some(at) => rest = &rest[at + middle.len()..],
            None => return false,
        }
    }
    true
}

/// README.md and every page in docs/, as (path relative to the crate, text).
fn pages() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut docs: Vec<_> = std::fs::read_dir(format!("{root}/docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    let mut pages = vec![("README.md".to_string(), README.to_string())];
    for path in docs {
        let name = format!("docs/{}", path.file_name().unwrap().to_string_lossy());
        pages.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    pages
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let examples = examples(README);
    assert!(
        examples.len() >= 10,
        "found only {} examples in README.md",
        examples.len()
    );
    for (name, text) in pages() {
        run_examples(&name, &text);
    }
}

/// The guides in docs/ carry examples too, and the test finds them.
#[test]
fn docs_examples_are_found() {
    let pages = pages();
    assert!(pages.len() > 1, "no pages in docs/");
    let in_docs: usize = pages[1..].iter().map(|(_, t)| examples(t).len()).sum();
    assert!(in_docs >= 10, "found only {in_docs} examples in docs/");
}

fn run_examples(page: &str, text: &str) {
    let examples = examples(text);
    let mut last_status = None;
    for ex in examples {
        let (what, got) = match &ex.step {
            Step::ExitStatus => (
                "echo $?".to_string(),
                format!("{}\n", last_status.expect("`echo $?` follows a command")),
            ),
            Step::Run { args } => {
                let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
                    .env_clear()
                    .env("COLUMNS", "100")
                    .current_dir(DIR)
                    .args(args)
                    .output()
                    .unwrap();
                last_status = out.status.code();
                // What a terminal shows: stdout, then any message on stderr.
                let mut got = String::from_utf8(out.stdout).unwrap();
                got.push_str(&String::from_utf8(out.stderr).unwrap());
                (format!("pakaz {}", args.join(" ")), got)
            }
        };
        assert!(
            matches(&got, &ex.expected),
            "{page}:{}: `{what}` prints something else now:\n{got}\n--- {page} shows:\n{}",
            ex.line,
            ex.expected
        );
    }
}

/// The sample draft the README shows is the file its examples check.
#[test]
fn readme_sample_draft_is_the_fixture() {
    let start = README.find("```markdown\n").expect("README shows a draft") + "```markdown\n".len();
    let end = start + README[start..].find("```").unwrap();
    let file = std::fs::read_to_string(format!("{DIR}/draft.md")).unwrap();
    assert_eq!(&README[start..end], file);
}

#[test]
fn ellipsis_matches_any_lines() {
    assert!(matches("a\nb\nc\nd\n", "a\n...\nd\n"));
    assert!(matches("a\nd\n", "a\n...\nd\n"));
    assert!(!matches("a\nb\n", "a\n...\nd\n"));
    assert!(matches("x\n", "x\n"));
    assert!(!matches("x\n", "y\n"));
}
