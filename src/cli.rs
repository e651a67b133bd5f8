//! The command line: commands, flags and their help. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const CITE_HELP: &str = "\
Examples:
  pakaz cite tourism.visitors-2025-jan-jul
  pakaz cite visitors-2024 trade.turnover-2025-jan-sep --style apa
  pakaz cite visitors-2024 --format csl-json > refs.json
  pakaz cite --all --sector trade --format biblatex > refs.bib";

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  nothing found: unknown id, or no fact matched; for check, a figure that fails
  2  bad usage or bad input";

#[derive(Debug, Parser)]
#[command(
    name = "pakaz",
    version,
    about = "Look up sourced facts and figures on Pakistan–Azerbaijan relations",
    long_about = "Look up sourced facts and figures on Pakistan–Azerbaijan relations.\n\n\
        Every fact carries its value, unit, the hedge its source used (about, over, up to, ...), \
        the period it refers to, and where it comes from. Run with no command for an overview.",
    after_help = EXIT_CODES,
    help_expected = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// When to use colour: auto (only on a terminal, and not when NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Load this sheet on top of the others (repeatable; later wins). PAKAZ_FACTS adds more,
    /// separated like PATH, and $XDG_CONFIG_HOME/pakaz/facts.d/*.toml is read too
    #[arg(long, global = true, value_name = "FILE")]
    pub facts: Vec<PathBuf>,

    /// Leave the bundled sheet out: use only your own sheets
    #[arg(long, global = true)]
    pub no_bundled: bool,

    /// Write straight to the terminal instead of through $PAGER (by default `less -FRX`, which
    /// only pages output longer than the screen)
    #[arg(long, global = true)]
    pub no_pager: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the sectors with their descriptions and fact counts
    #[command(after_help = "Examples:\n  pakaz sectors\n  pakaz sectors --format json")]
    Sectors {
        #[command(flatten)]
        output: OutputArgs,
    },

    /// List facts, filtered and sorted
    #[command(
        after_help = "Examples:\n  pakaz list --sector tourism\n  pakaz list --since 2025 --sort period\n  pakaz list --tag exercise --format csv"
    )]
    List(ListArgs),

    /// Print one fact's bare value (or one field of it), for scripts
    #[command(
        after_help = "Examples:\n  pakaz get tourism.visitors-2024        # 80924\n  pakaz get visitors-2024 --field qualifier\n  pakaz get trade.turnover-2025-jan-sep --field period"
    )]
    Get {
        /// The facts' ids; the part after the sector is enough when it is unambiguous. Several
        /// ids print one value per line, in order
        #[arg(id = "id", value_name = "ID", required = true)]
        ids: Vec<String>,
        /// Print this field instead of the value
        #[arg(long, value_enum, value_name = "NAME")]
        field: Option<Field>,
    },

    /// Show one fact in full, with its source and where in the source it stands
    #[command(
        after_help = "Examples:\n  pakaz show tourism.visitors-2024\n  pakaz show jf17-block3-aircraft --format json"
    )]
    Show {
        /// The facts' ids; the part after the sector is enough when it is unambiguous
        #[arg(id = "id", value_name = "ID", required = true)]
        ids: Vec<String>,
        /// Output format: a card, or JSON
        #[arg(long, short, value_enum, default_value_t = CardFormat::Text, value_name = "FORMAT",
            long_help = format!("Output format: a card, or JSON\n\n{JSON_FIELDS}"))]
        format: CardFormat,
    },

    /// Search ids, labels, aliases, tags and notes; tolerant of case and typos
    #[command(
        after_help = "Words such as how, many, the, of, in and what need not match, and a year \
            (1900 to 2099) keeps only facts of that year.\n\n\
            Examples:\n  pakaz search jf17\n  pakaz search how many tourists\n  pakaz search trade in 2025\n  pakaz search visitors --sector tourism --format json"
    )]
    Search {
        /// Words to look for; every word must match
        #[arg(required = true, num_args = 1.., value_name = "WORD")]
        query: Vec<String>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// Dated facts in order of date
    #[command(
        after_help = "Examples:\n  pakaz timeline\n  pakaz timeline --sector media,trade --since 2024"
    )]
    Timeline {
        #[command(flatten)]
        filter: FilterArgs,
        /// Group the facts by measure, each measure's in order of date (facts without one last)
        #[arg(long)]
        by_measure: bool,
        #[command(flatten)]
        output: OutputArgs,
    },

    /// One measure's figures over time, every source's side by side
    #[command(after_help = SERIES_HELP)]
    Series(SeriesArgs),

    /// Check the figures stated in drafts (Markdown or plain text) against the sheet
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),

    /// Run a language server on stdin/stdout: figures checked as you write, in any editor
    #[command(
        after_help = "Speaks the Language Server Protocol: diagnostics for Markdown and plain-text drafts, \
            the fact on hover, and code actions that replace a figure, fix its hedge or insert the \
            citation. Sheets load as for every command, plus `pakaz.facts` from the editor's \
            initialization options. See docs/editors.md for each editor's configuration.\n\n\
            Examples:\n  pakaz lsp\n  pakaz --facts mine.toml lsp"
    )]
    Lsp,

    /// Print facts as citations: phrases, references in a CSL style, CSL-JSON or BibLaTeX
    #[command(after_help = CITE_HELP)]
    Cite {
        /// The facts' ids; the part after the sector is enough when it is unambiguous
        #[arg(id = "id", value_name = "ID", required_unless_present = "all")]
        ids: Vec<String>,
        /// The form of the citation (with --format text)
        #[arg(long, value_enum, default_value_t = CiteStyle::Plain, value_name = "STYLE")]
        style: CiteStyle,
        /// text: phrases and references; csl-json, biblatex: one entry per source cited
        #[arg(long, short, value_enum, default_value_t = CiteFormat::Text, value_name = "FORMAT")]
        format: CiteFormat,
        /// Every fact (narrowed by --sector and --tag) instead of ids
        #[arg(long, conflicts_with = "id")]
        all: bool,
        /// With --all: only facts in this sector (repeatable: any of them)
        #[arg(long, short, value_name = "SECTOR")]
        sector: Vec<String>,
        /// With --all: only facts with this tag (repeatable: any of them)
        #[arg(long, short, value_name = "TAG")]
        tag: Vec<String>,
    },

    /// Print a shell completion script that also completes fact ids, sectors and tags
    #[command(
        after_help = "Examples:\n  source <(pakaz completions bash)          # in ~/.bashrc\n  pakaz completions fish > ~/.config/fish/completions/pakaz.fish\n  pakaz completions zsh > \"${fpath[1]}/_pakaz\""
    )]
    Completions {
        /// The shell to write the script for
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print a man page (roff): pakaz(1), or one command's page such as pakaz-list(1)
    #[command(
        after_help = "Examples:\n  pakaz man | man -l -\n  pakaz man list | man -l -\n  pakaz man --dir ~/.local/share/man/man1     # every page, as pakaz.1, pakaz-list.1, ..."
    )]
    Man {
        /// The command whose page to print; none for the page of pakaz itself
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Option<String>,
        /// Write every page into this directory instead of printing one
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },

    /// List the loaded sheets and their sources, with fact counts
    #[command(
        after_help = "Examples:\n  pakaz sources\n  pakaz --facts mine.toml sources --format json"
    )]
    Sources {
        /// Output format
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Table, value_name = "FORMAT")]
        format: ReportFormat,
    },

    /// Check sheet files and report every problem, as FILE:LINE:COL: error: message
    #[command(
        after_help = "With no FILE, checks every sheet that would be loaded: the bundled one, \
            your sheet directory, PAKAZ_FACTS and --facts. Each FILE is checked on top of the \
            bundled sheet (unless --no-bundled) and the FILEs before it, so it may use their \
            sectors and sources. Warnings (a measure only one fact has, a fact with a measure but \
            no period) do not change the exit status unless --strict. Exits 2 when any problem \
            is found.\n\n\
            Examples:\n  pakaz validate\n  pakaz validate mine.toml more.toml\n  pakaz validate --strict"
    )]
    Validate {
        /// Sheet files to check
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Hold the sheets to what publishing needs: warnings become errors, and every
        /// source needs a URL, a publisher and a date
        #[arg(long)]
        strict: bool,
    },

    /// Print a JSON Schema of the sheet format, for editors that check TOML
    #[command(
        after_help = "Point a sheet at the schema with a first line such as  #:schema ./pakaz-sheet.schema.json\n\nExamples:\n  pakaz schema > pakaz-sheet.schema.json\n  pakaz schema | jq '.properties.facts'"
    )]
    Schema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

const CHECK_HELP: &str = "\
Each figure is matched to the fact its sentence is about and reported as
  mismatch   disagrees with the sheet beyond the writer's rounding (error)
  qualifier  right number, wrong hedge: `exactly 40` where the sheet says up to 40 (warning)
  ok         agrees, counting fair rounding: `some 81,000` for 80,924 (with --verbose)
  unknown    belongs to no fact (with --all)
Code spans and blocks, URLs and link targets are skipped.

Exit status: 0 no failing figure, 1 at least one (see --fail-on), 2 bad usage or unreadable input.

Examples:
  pakaz check draft.md
  pakaz check --verbose --fix-hints draft.md notes.txt
  cat draft.md | pakaz check - --format json
  pakaz check --format github docs/*.md          # in a GitHub Actions step
  pakaz check --fail-on mismatch,qualifier drafts/*.md";

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Drafts to check; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format: `FILE:LINE:COL: LEVEL: message` lines, a JSON array of findings, or
    /// GitHub Actions annotations
    #[arg(long, short, value_enum, default_value_t = CheckFormat::Text, value_name = "FORMAT")]
    pub format: CheckFormat,

    /// Also report figures that agree with the sheet
    #[arg(long, short)]
    pub verbose: bool,

    /// Also report figures (and dates) that belong to no fact, as unknown
    #[arg(long)]
    pub all: bool,

    /// Statuses that make the exit status 1 (comma-separated)
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "mismatch",
        value_name = "STATUS"
    )]
    pub fail_on: Vec<FailOn>,

    /// After each problem, show what to write instead and the sheet's citation for it
    #[arg(long)]
    pub fix_hints: bool,

    /// The date the drafts are written on (YYYY-MM-DD, YYYY-MM or YYYY): relative dates such
    /// as `last year` count from it. Without it, a draft's front matter `date:` or its
    /// dateline is used; with neither, such a figure's period is unknown
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<crate::period::Date>,

    /// Threads to check a long draft (64 KiB or more) on; 1 checks on one thread. The findings
    /// are the same whatever the number [default: one per core, up to 8]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
}

fn parse_as_of(text: &str) -> Result<crate::period::Date, String> {
    crate::period::Period::parse(text).map(|p| p.start)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, as editors and CI read them
    Text,
    /// An array of finding objects (docs/check.md lists the fields)
    Json,
    /// GitHub Actions workflow commands: each finding becomes an annotation on the file
    Github,
    /// A SARIF 2.1.0 log, for code-scanning tools
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A figure that disagrees with the sheet
    Mismatch,
    /// A figure with the wrong hedge
    Qualifier,
    /// A figure that belongs to no fact (counted only with --all)
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteStyle {
    /// A phrase to paste into a sentence: hedge, figure, period and source
    Plain,
    /// The same phrase with Markdown emphasis and a link to the source
    Markdown,
    /// APA, 7th edition
    Apa,
    /// Chicago, author-date
    ChicagoAuthorDate,
    /// Chicago, notes and bibliography
    #[value(alias = "chicago")]
    ChicagoNotes,
    /// MLA, 9th edition
    Mla,
    /// Harvard (Cite Them Right)
    Harvard,
    /// IEEE
    Ieee,
    /// Vancouver (NLM)
    Vancouver,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CiteFormat {
    /// Phrases, and references in the --style
    Text,
    /// CSL-JSON, as Zotero imports it and pandoc --citeproc reads it
    CslJson,
    /// BibLaTeX entries
    Biblatex,
}

const SERIES_HELP: &str = "\
A measure names what facts measure across periods and sources (tourism.pakistani-visitors).
Each period is one row with every source's figure beside it; ≠ marks a period whose sources
give different figures, and the bar, drawn to scale, shades the spread between them.
With no MEASURE, lists the measures.

Examples:
  pakaz series
  pakaz series tourism.pakistani-visitors
  pakaz series tourism.visitors-2024                 # the series a fact belongs to
  pakaz series trade.turnover --format csv
  pakaz series tourism.pakistani-visitors --format svg > visitors.svg";

#[derive(Debug, Args)]
pub struct SeriesArgs {
    /// The measure, or the id of any fact of it; with none, the measures are listed
    #[arg(value_name = "MEASURE")]
    pub measure: Option<String>,

    /// Output format; svg draws a bar chart of one measure
    #[arg(long, short, value_enum, default_value_t = SeriesFormat::Table, value_name = "FORMAT")]
    pub format: SeriesFormat,

    /// For csv and tsv: start every cell that a spreadsheet would run as a formula with a '
    #[arg(long)]
    pub csv_safe: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeriesFormat {
    /// One row per period with a bar to scale, sized to the terminal
    Table,
    /// One object: measure, label, unit and the periods with their facts
    Json,
    /// One row per fact, in order of period
    Csv,
    /// One row per fact, tab-separated; tabs and newlines escaped
    Tsv,
    /// One row per period, the sources under the table
    Markdown,
    /// A bar chart as an SVG document, the sources under it
    Svg,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// Order of the rows; the default is the sheet's own order. `value` groups facts by unit
    /// and orders each group by value, text facts last
    #[arg(long, value_enum, value_name = "KEY")]
    pub sort: Option<Sort>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// The filters `list`, `timeline` and `search` share.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only facts in these sectors (repeatable or comma-separated: any of them; any case)
    #[arg(long, short, value_name = "SECTOR", value_delimiter = ',')]
    pub sector: Vec<String>,

    /// Only facts with these tags (repeatable or comma-separated: any of them; any case)
    #[arg(long, short, value_name = "TAG", value_delimiter = ',')]
    pub tag: Vec<String>,

    /// Only facts whose text contains this (any case)
    #[arg(long, short, value_name = "TEXT")]
    pub grep: Option<String>,

    /// Only facts whose period falls in or overlaps this year
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["since", "until"])]
    pub year: Option<i32>,

    /// Only facts whose period reaches this year or later
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,

    /// Only facts whose period starts this year or earlier
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,

    /// Only facts of these measures (repeatable or comma-separated: any of them); `pakaz series`
    /// lists them
    #[arg(long, value_name = "MEASURE", value_delimiter = ',')]
    pub measure: Vec<String>,
}

/// The fields of each fact object in JSON output, for `--help` and the man pages.
pub const JSON_FIELDS: &str = "\
With --format json, an array of objects with these fields:
  id         the full id, sector.slug
  sector     the sector
  label      the short description
  value      a number, {\"min\": n, \"max\": n} for a range, or a string
  unit       the unit of a quantity, or null
  qualifier  exact, about, over, under, up-to, at-least or nearly
  period     the ISO 8601 period, or null
  figure     the figure as a person writes it, with hedge and unit
  tags       a list of strings
  aliases    a list of strings
  note       the context note, or null
  source     {key, title, publisher, date, people, url, section}
  origin     the sheet file the fact was read from
  score      (search only) how well the fact matched, higher is better";

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, short, value_enum, default_value_t = Format::Table, value_name = "FORMAT",
        long_help = format!("Output format\n\n{JSON_FIELDS}"))]
    pub format: Format,

    /// For the table on a terminal: show every column in full, wrapped, instead of one line
    /// per row
    #[arg(long, short)]
    pub wide: bool,

    /// For csv and tsv: start every cell that a spreadsheet would run as a formula (one
    /// beginning with =, +, -, @, tab or carriage return, or with ') with a ' so it stays text
    #[arg(long)]
    pub csv_safe: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table sized to the terminal
    Table,
    /// An array of fact objects (fields above)
    Json,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row; tabs and newlines escaped
    Tsv,
    /// A Markdown table
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardFormat {
    /// A readable card
    #[value(alias = "table")]
    Text,
    /// An array of fact objects, one per id, as `list --format json`
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Readable tables
    Table,
    /// One JSON object: {"sheets": [...], "sources": [...]}
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Sort {
    Id,
    Sector,
    Period,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Field {
    /// The full id
    Id,
    /// The sector (the part of the id before the dot)
    Sector,
    /// The short description
    Label,
    /// The bare value (the default)
    Value,
    /// The unit of a quantity
    Unit,
    /// exact, about, over, under, up-to, at-least or nearly
    Qualifier,
    /// The ISO 8601 period
    Period,
    /// What the fact measures, across periods and sources
    Measure,
    /// The figure as a person writes it, with its hedge and unit
    Figure,
    /// Tags, one per line
    Tags,
    /// Aliases, one per line
    Aliases,
    /// The context note
    Note,
    /// The source: publisher, title and date
    Source,
    /// The source's key in the sheet
    SourceKey,
    /// Where in the source the fact stands
    Section,
    /// The sheet file the fact was read from
    Origin,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
