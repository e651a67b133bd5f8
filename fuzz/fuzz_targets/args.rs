//! Argument parsing: arbitrary argument vectors (NUL-separated, any bytes) through
//! `Cli::try_parse_from`, and a parsed command run against the bundled sheet.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::arguments(pakaz::props::args_from_bytes(data)) {
        panic!("{broken}");
    }
});
