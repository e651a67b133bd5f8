//! `check` on arbitrary draft bytes against the bundled sheet: no panic, findings in text
//! order, each at a line and column inside the draft.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::check_draft(data) {
        panic!("{broken}");
    }
});
