//! Completion candidates: any string a sheet could offer bash as a tag, id or sector reaches
//! the command line as one word that reads back to the string, with nothing bash would expand
//! or run, or is left out when it cannot be typed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(broken) = pakaz::props::completion_bytes(data) {
        panic!("{broken}");
    }
});
