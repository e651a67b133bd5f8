//! Loading and validating a sheet from bytes: no panic, every problem placed inside the file
//! and safe to print; a sheet that loads renders safely in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::sheet_bytes(data) {
        panic!("{broken}");
    }
});
