//! Peak memory and CPU time of a pakaz run, from GNU time, for the tests that bound them.
//! Each test binary uses what it needs of this module.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};

/// GNU time's report on a pakaz run (its format's `%`-fields filled in), with the run's exit
/// code. GNU time is installed by CI: the test fails, not skips, without it. Standard output
/// is discarded.
fn timed(format: &str, args: &[&std::ffi::OsStr]) -> (String, Option<i32>) {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "this test needs GNU time: apt-get install time"
    );
    let out = Command::new(time)
        .args(["-f", format])
        .arg(assert_cmd::cargo::cargo_bin!("pakaz"))
        .args(args)
        .env_clear()
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // GNU time writes its report last; its own exit code is the command's.
    let report = stderr.lines().last().unwrap_or_default().to_string();
    (report, out.status.code())
}

/// Peak resident memory of a pakaz run in bytes, with the run's exit code.
pub fn peak_memory(args: &[&std::ffi::OsStr]) -> (u64, Option<i32>) {
    let (report, code) = timed("peak %M", args);
    let kb: u64 = report
        .strip_prefix("peak ")
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak in: {report}"));
    (kb * 1024, code)
}

/// The CPU time (user + system) of a pakaz run in seconds, with the run's exit code. CPU
/// time, unlike wall time, hardly moves when other work shares the machine.
pub fn cpu_seconds(args: &[&std::ffi::OsStr]) -> (f64, Option<i32>) {
    let (report, code) = timed("cpu %U %S", args);
    let cpu = report
        .strip_prefix("cpu ")
        .map(|t| t.split(' ').filter_map(|n| n.parse::<f64>().ok()).sum())
        .unwrap_or_else(|| panic!("no CPU time in: {report}"));
    (cpu, code)
}
