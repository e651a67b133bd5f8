//! What the integration tests of `check` share: one sentence checked in process, and a table
//! of sentences with the status each figure must get.

use pakaz::check::{Options, Status};

/// The status of the figure that starts with `figure` in `text`, and the finding's message.
pub fn status_of(text: &str, figure: &str, options: &Options) -> (Status, String) {
    let sheet = pakaz::sheet::bundled().unwrap();
    let findings = pakaz::check::check_document(&sheet, text, options);
    let at = text.find(figure).expect("figure in text");
    findings
        .iter()
        .find(|f| f.start <= at && at < f.end)
        .map(|f| (f.status, f.message.clone()))
        .unwrap_or((Status::Unknown, "not read".into()))
}

/// Fails, listing every case whose figure got another status than the one wanted.
pub fn assert_statuses(cases: &[(&str, &str, Status)], options: &Options) {
    let mut wrong = Vec::new();
    for (text, figure, want) in cases {
        let (got, message) = status_of(text, figure, options);
        if got != *want {
            wrong.push(format!(
                "{text}\n  {figure}: {got:?}, want {want:?} ({message})"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
