//! Peak memory of a pakaz run, for the tests that bound it.

use std::path::Path;
use std::process::{Command, Stdio};

/// Peak resident memory of a pakaz run in bytes, from GNU time (which CI installs: the test
/// fails, not skips, without it), with the run's exit code. Standard output is discarded.
pub fn peak_memory(args: &[&std::ffi::OsStr]) -> (u64, Option<i32>) {
    let time = Path::new("/usr/bin/time");
    assert!(
        time.exists(),
        "this test needs GNU time: apt-get install time"
    );
    let out = Command::new(time)
        .args(["-f", "peak %M"])
        .arg(assert_cmd::cargo::cargo_bin!("pakaz"))
        .args(args)
        .env_clear()
        .stdout(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb: u64 = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no peak in: {stderr}"));
    // GNU time's own exit code is the command's.
    (kb * 1024, out.status.code())
}
