//! Writing a fact's value the way a person writes it: `80,924 people`, `≈ US$20.7 million`.

use crate::model::{Fact, Value};

/// Groups an integer part with commas: `80924` -> `80,924`.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A plain number with thousands separators and no trailing zeros: `80,924`, `38.7`. Beyond
/// 10^21 (where every digit would be noise) in scientific notation: `1.7e308`.
pub fn number(n: f64) -> String {
    if n.abs() >= 1e21 {
        return format!("{n:e}");
    }
    // Six decimals at most; from 10^15 on a float has none to round (and `n * 1e6` of a finite
    // number near the top of the range would be infinite).
    let n = if n.abs() < 1e15 {
        (n * 1e6).round() / 1e6
    } else {
        n
    };
    let text = format!("{n}");
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    match text.split_once('.') {
        Some((int, frac)) => format!("{sign}{}.{frac}", group_thousands(int)),
        None => format!("{sign}{}", group_thousands(text)),
    }
}

/// A number with a word of scale for millions and billions: `3.3 million`, `46,000`.
pub fn scaled(n: f64) -> String {
    let abs = n.abs();
    let (div, word) = if abs >= 1e9 {
        (1e9, " billion")
    } else if abs >= 1e6 {
        (1e6, " million")
    } else {
        return number(n);
    };
    let v = n / div;
    // Three decimals keep figures such as 20.725 million exact without noise.
    let rounded = (v * 1000.0).round() / 1000.0;
    if (rounded * div - n).abs() > 0.5 {
        return number(n);
    }
    format!("{}{word}", number(rounded))
}

/// The bare figure with its unit, without the hedge.
pub fn quantity(value: &Value, unit: Option<&str>) -> String {
    let unit = unit.unwrap_or("");
    let amount = match value {
        Value::Number(n) => scaled(*n),
        Value::Range { min, max } if *min < 0.0 || *max < 0.0 => {
            format!("{} to {}", scaled(*min), scaled(*max))
        }
        Value::Range { min, max } => format!("{}–{}", scaled(*min), scaled(*max)),
        Value::Text(t) => return t.clone(),
    };
    match unit {
        "USD" => format!("US${amount}"),
        "EUR" => format!("€{amount}"),
        "×" | "x" => format!("{amount}×"),
        "" => amount,
        u => format!("{amount} {u}"),
    }
}

/// The figure as shown in tables: hedge, number and unit.
pub fn figure(fact: &Fact) -> String {
    if let Value::Text(t) = &fact.value {
        return t.clone();
    }
    format!(
        "{}{}",
        fact.qualifier.prefix(),
        quantity(&fact.value, fact.unit.as_deref())
    )
}

/// The figure for running text: the hedge as a word (`about`, not `≈`).
pub fn figure_in_words(fact: &Fact) -> String {
    if let Value::Text(t) = &fact.value {
        return t.clone();
    }
    format!(
        "{}{}",
        fact.qualifier.word(),
        quantity(&fact.value, fact.unit.as_deref())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Qualifier;

    fn fact(value: Value, unit: &str, qualifier: Qualifier) -> Fact {
        Fact::sample(value, (!unit.is_empty()).then_some(unit), qualifier)
    }

    #[test]
    fn huge_and_negative_numbers_stay_readable() {
        assert_eq!(number(1.7e308), "1.7e308");
        assert_eq!(number(-1.7e308), "-1.7e308");
        assert_eq!(scaled(1.7e308), "1.7e308");
        assert_eq!(number(1e20), "100,000,000,000,000,000,000");
        assert_eq!(number(4e15), "4,000,000,000,000,000");
        assert_eq!(
            quantity(
                &Value::Range {
                    min: -5.0,
                    max: -3.0
                },
                Some("t")
            ),
            "-5 to -3 t"
        );
        assert_eq!(
            quantity(
                &Value::Range {
                    min: -5.0,
                    max: 3.0
                },
                None
            ),
            "-5 to 3"
        );
    }

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(number(80924.0), "80,924");
        assert_eq!(number(38.7), "38.7");
        assert_eq!(number(1234567.25), "1,234,567.25");
        assert_eq!(number(-4000.0), "-4,000");
        assert_eq!(number(999.0), "999");
        assert_eq!(scaled(46000.0), "46,000");
        assert_eq!(scaled(3_300_000.0), "3.3 million");
        assert_eq!(scaled(2_500_000_000.0), "2.5 billion");
        assert_eq!(scaled(1_234_567.0), "1,234,567");
    }

    #[test]
    fn figures_read_as_written() {
        use Qualifier::*;
        let cases = [
            (
                fact(Value::Number(80924.0), "people", Exact),
                "80,924 people",
            ),
            (fact(Value::Number(47.0), "%", About), "≈ 47 %"),
            (
                fact(Value::Number(3_300_000.0), "t", Over),
                "over 3.3 million t",
            ),
            (
                fact(
                    Value::Range {
                        min: 8.0,
                        max: 10.0,
                    },
                    "days",
                    Exact,
                ),
                "8–10 days",
            ),
            (
                fact(Value::Number(40.0), "aircraft", UpTo),
                "up to 40 aircraft",
            ),
            (
                fact(Value::Number(20_700_000.0), "USD", About),
                "≈ US$20.7 million",
            ),
            (fact(Value::Number(2.0), "×", Nearly), "nearly 2×"),
            (fact(Value::Text("SOCAR".into()), "", Exact), "SOCAR"),
        ];
        for (f, expected) in cases {
            assert_eq!(figure(&f), expected);
        }
        assert_eq!(
            figure_in_words(&fact(Value::Number(46000.0), "people", About)),
            "about 46,000 people"
        );
    }
}
