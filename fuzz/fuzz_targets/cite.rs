//! Citations: a source made from fuzz input, cited in every style and exported as CSL-JSON and
//! BibLaTeX. Text stays terminal-safe, each export has one entry per source, and no BibLaTeX
//! field closes its entry.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::cite_bytes(data) {
        panic!("{broken}");
    }
});
