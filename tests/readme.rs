//! The README's examples are real: every `$ pakaz ...` line in a `console` block is run, and its
//! output must be what the README shows beneath it.

use assert_cmd::Command;

struct Example {
    line: usize,
    args: Vec<String>,
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
        if let Some(cmd) = line.strip_prefix("$ pakaz") {
            out.extend(current.take());
            let args = shlex::split(cmd).expect("example command is valid shell words");
            current = Some(Example {
                line: i + 1,
                args,
                expected: String::new(),
            });
        } else if let Some(ex) = current.as_mut() {
            ex.expected.push_str(line);
            ex.expected.push('\n');
        }
    }
    out
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 10,
        "found only {} examples",
        examples.len()
    );
    for ex in examples {
        let out = Command::new(assert_cmd::cargo::cargo_bin!("pakaz"))
            .env_clear()
            .env("COLUMNS", "100")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(&ex.args)
            .output()
            .unwrap();
        // The README shows what a terminal shows: stdout, then any message on stderr.
        let mut got = String::from_utf8(out.stdout).unwrap();
        got.push_str(&String::from_utf8(out.stderr).unwrap());
        assert_eq!(
            got,
            ex.expected,
            "README.md:{}: `pakaz {}` prints something else now",
            ex.line,
            ex.args.join(" ")
        );
    }
}
