//! Rendering: the bundled sheet with one fact's text fields replaced by fuzz input, in every
//! format. Tables carry no terminal control, JSON, CSV and TSV parse back to the same values.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::render_bytes(data) {
        panic!("{broken}");
    }
});
