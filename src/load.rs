//! Which sheet files to load, in which order, and reading each one safely.
//!
//! The order is: the bundled sheet (unless left out), the user's sheet directory in name
//! order, the paths in `PAKAZ_FACTS`, then each `--facts` flag. Each sheet is laid over the
//! ones before it, so the most specific source of sheets wins.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::Sheet;
use crate::sheet::{self, Merged};

/// The largest JSON sheet pakaz reads. Checked before reading, and the read is bounded too,
/// so a file that grows (or a device that slipped past the checks) cannot exhaust memory.
/// Reading JSON takes at most 25 bytes of memory per byte of sheet.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// The largest TOML sheet: lower, because the `toml` crate holds the whole document as a
/// tree, up to about 80 bytes of memory per byte of sheet on hostile input (a long array
/// of `1,`), so that memory stays under 2 GB. 100,000 ordinary facts take about 20 MB.
pub const MAX_TOML_BYTES: u64 = 24 * 1024 * 1024;

/// The size limit of a sheet file: by its extension, `.json` or anything else (TOML).
pub fn max_bytes(path: &Path) -> u64 {
    if path.extension().is_some_and(|e| e == "json") {
        MAX_JSON_BYTES
    } else {
        MAX_TOML_BYTES
    }
}

/// The environment variable with extra sheet paths, separated like `PATH`.
pub const FACTS_VAR: &str = "PAKAZ_FACTS";

/// What the command line and the environment say about sheets.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Whether the bundled sheet goes first.
    pub bundled: bool,
    /// User sheet files in load order.
    pub files: Vec<PathBuf>,
    /// Why the user's sheet directory was skipped, when it could not be read: it is optional,
    /// so that is a warning, not an error (`$HOME` not traversable, a loop of links, ...). A
    /// file where the directory should be is still an error.
    pub warnings: Vec<String>,
}

impl Plan {
    /// The plan for this process: flags, then `PAKAZ_FACTS` and the config directory from the
    /// environment.
    pub fn from_env(no_bundled: bool, flags: &[PathBuf]) -> Result<Plan, Diagnostic> {
        let var = |name: &str| std::env::var_os(name);
        let env = var(FACTS_VAR);
        let mut warnings = Vec::new();
        let dir = facts_dir(var);
        let mut files = match dir.as_deref().map(|dir| (dir, sheets_in(dir))) {
            Some((_, Ok(files))) => files,
            // A file where the directory should be is the user's to fix: an error.
            Some((dir, Err(d))) if dir.exists() && !dir.is_dir() => return Err(d),
            Some((_, Err(d))) => {
                warnings.push(format!(
                    "{}: warning: {}; its sheets are skipped",
                    d.file, d.message
                ));
                Vec::new()
            }
            None => Vec::new(),
        };
        files.extend(user_sheets(None, env.as_deref(), flags)?);
        Ok(Plan {
            bundled: !no_bundled,
            files,
            warnings,
        })
    }
}

/// The user's sheet directory: `$XDG_CONFIG_HOME/pakaz/facts.d`, else
/// `$HOME/.config/pakaz/facts.d`; on Windows `%APPDATA%\pakaz\facts.d`. `None` when the
/// environment does not say where home is.
pub fn facts_dir(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    let absolute = |v: OsString| {
        let p = PathBuf::from(v);
        p.is_absolute().then_some(p)
    };
    let config = if cfg!(windows) {
        var("APPDATA").and_then(absolute)
    } else {
        var("XDG_CONFIG_HOME")
            .and_then(absolute)
            .or_else(|| var("HOME").and_then(absolute).map(|h| h.join(".config")))
    };
    config.map(|c| c.join("pakaz").join("facts.d"))
}

/// The user sheet files in load order: the directory's `*.toml` and `*.json` files by name, then the
/// paths in `PAKAZ_FACTS` (empty entries skipped), then the `--facts` flags.
pub fn user_sheets(
    dir: Option<&Path>,
    env: Option<&OsStr>,
    flags: &[PathBuf],
) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = match dir {
        Some(dir) => sheets_in(dir)?,
        None => Vec::new(),
    };
    if let Some(env) = env {
        files.extend(std::env::split_paths(env).filter(|p| !p.as_os_str().is_empty()));
    }
    files.extend(flags.iter().cloned());
    Ok(files)
}

/// The `*.toml` and `*.json` files of a sheet directory, in name order. A directory that does not exist
/// holds none; hidden files (editor backups and the like) are passed over.
pub fn sheets_in(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let name = display(dir);
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(_) if dir.exists() && !dir.is_dir() => {
            return Err(Diagnostic::file_level(
                &name,
                "is not a directory; the sheet directory must hold *.toml and *.json files",
            ));
        }
        Err(e) => return Err(io_problem(&name, &e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_problem(&name, &e))?;
        let file_name = entry.file_name();
        let text = file_name.to_string_lossy();
        if (text.ends_with(".toml") || text.ends_with(".json")) && !text.starts_with('.') {
            files.push((file_name.clone(), entry.path()));
        }
    }
    files.sort();
    Ok(files.into_iter().map(|(_, path)| path).collect())
}

/// How a path is named in messages and in a fact's origin.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a sheet file as text. Anything but a regular UTF-8 file of at most
/// [`max_bytes`] is refused with one message naming it, without blocking: the file's
/// type is checked before it is opened, because opening a FIFO waits for a writer.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    let name = display(path);
    let meta = fs::metadata(path).map_err(|e| io_problem(&name, &e))?;
    let limit = max_bytes(path);
    check_kind(&name, &meta, limit)?;
    let file = File::open(path).map_err(|e| io_problem(&name, &e))?;
    // The path may have been swapped between the check and the open.
    check_kind(
        &name,
        &file.metadata().map_err(|e| io_problem(&name, &e))?,
        limit,
    )?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(&name, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&name, None, limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let byte = bytes.get(valid).copied().unwrap_or_default();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        Diagnostic::at(
            &name,
            &prefix,
            Some(valid..valid),
            format!(
                "not UTF-8 text: byte 0x{byte:02X} is not valid UTF-8 here; save the sheet as UTF-8"
            ),
        )
    })
}

fn check_kind(name: &str, meta: &fs::Metadata, limit: u64) -> Result<(), Diagnostic> {
    if meta.is_dir() {
        return Err(Diagnostic::file_level(
            name,
            "is a directory, not a sheet file",
        ));
    }
    if !meta.is_file() {
        return Err(Diagnostic::file_level(
            name,
            "is not a regular file (a FIFO, socket or device); a sheet must be a regular file",
        ));
    }
    if meta.len() > limit {
        return Err(too_large(name, Some(meta.len()), limit));
    }
    Ok(())
}

fn too_large(name: &str, size: Option<u64>, limit: u64) -> Diagnostic {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    let kind = if limit == MAX_JSON_BYTES {
        "JSON"
    } else {
        "TOML"
    };
    let limit = mib(limit);
    let message = match size {
        Some(size) => format!(
            "is too large ({:.1} MiB); a {kind} sheet may be at most {limit} MiB",
            mib(size)
        ),
        None => format!("is too large; a {kind} sheet may be at most {limit} MiB"),
    };
    Diagnostic::file_level(name, message)
}

fn io_problem(name: &str, e: &io::Error) -> Diagnostic {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied: pakaz cannot read it".to_string(),
        _ => format!("cannot read it: {e}"),
    };
    Diagnostic::file_level(name, message)
}

/// Loads the plan's sheets, each laid over the ones before it. Stops at the first file with
/// a problem and returns that file's problems, in file order.
pub fn load(plan: &Plan) -> Result<Sheet, Vec<Diagnostic>> {
    let mut merged = Merged::new(if plan.bundled {
        sheet::bundled()?
    } else {
        Sheet::default()
    });
    for path in &plan.files {
        let text = read(path).map_err(|d| vec![d])?;
        let next = sheet::parse(&text, &display(path), merged.sheet())?;
        merged.add(next);
    }
    Ok(merged.into_sheet())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[cfg(unix)]
    #[test]
    fn config_dir_follows_xdg_then_home() {
        let dir = |pairs| facts_dir(env(pairs));
        assert_eq!(
            dir(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]),
            Some(PathBuf::from("/x/pakaz/facts.d"))
        );
        assert_eq!(
            dir(&[("HOME", "/h")]),
            Some(PathBuf::from("/h/.config/pakaz/facts.d"))
        );
        // A relative XDG_CONFIG_HOME is ignored, as the spec says.
        assert_eq!(
            dir(&[("XDG_CONFIG_HOME", "rel"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.config/pakaz/facts.d"))
        );
        assert_eq!(dir(&[]), None);
    }

    #[test]
    fn order_is_directory_then_env_then_flags() {
        let tmp = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "c.json", ".hidden.toml", "notes.txt"] {
            fs::write(tmp.path().join(name), "").unwrap();
        }
        let env = std::env::join_paths(["/e1.toml", "", "/e2.toml"]).unwrap();
        let files = user_sheets(Some(tmp.path()), Some(&env), &[PathBuf::from("f.toml")]).unwrap();
        let expected = vec![
            tmp.path().join("a.toml"),
            tmp.path().join("b.toml"),
            tmp.path().join("c.json"),
            PathBuf::from("/e1.toml"),
            PathBuf::from("/e2.toml"),
            PathBuf::from("f.toml"),
        ];
        assert_eq!(files, expected);
        assert!(sheets_in(&tmp.path().join("missing")).unwrap().is_empty());
    }

    #[test]
    fn a_bad_byte_is_placed_by_line_and_column() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("bad.toml");
        fs::write(&path, b"[sheet]\ntitle = \"ab\xffc\"\n").unwrap();
        let d = read(&path).unwrap_err();
        assert_eq!((d.line, d.column), (2, 12));
        assert!(d.message.contains("0xFF"), "{}", d.message);
    }
}
