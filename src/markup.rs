//! The tiny inline markup used inside content strings.
//!
//! Content editors write `[link text](https://…)` for links and `[^1]` for
//! footnote references; everything else is plain text. Parsing yields plain
//! data so the UI can render text as text nodes (never as HTML).

/// One run of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Link { text: String, url: String },
    FootnoteRef(String),
}

/// Why a content string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkupError {
    /// A `[` with no matching `]`, or a `]` not followed by `(url)`.
    Unclosed { at: usize },
    /// `[]()` or `[^]`: an empty label or target.
    Empty { at: usize },
}

impl std::fmt::Display for MarkupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarkupError::Unclosed { at } => write!(f, "unclosed '[' at byte {at}"),
            MarkupError::Empty { at } => write!(f, "empty link or footnote at byte {at}"),
        }
    }
}

/// Splits `source` into text, links and footnote references.
pub fn parse_inline(source: &str) -> Result<Vec<Inline>, MarkupError> {
    let mut out = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(open) = rest.find('[') {
        if open > 0 {
            out.push(Inline::Text(rest[..open].to_string()));
        }
        let at = offset + open;
        let after = &rest[open + 1..];
        let close = after.find(']').ok_or(MarkupError::Unclosed { at })?;
        let label = &after[..close];
        let tail = &after[close + 1..];
        let consumed;
        if let Some(id) = label.strip_prefix('^') {
            if id.is_empty() {
                return Err(MarkupError::Empty { at });
            }
            out.push(Inline::FootnoteRef(id.to_string()));
            consumed = open + 1 + close + 1;
        } else {
            let target = tail.strip_prefix('(').ok_or(MarkupError::Unclosed { at })?;
            let end = target.find(')').ok_or(MarkupError::Unclosed { at })?;
            let url = &target[..end];
            if label.is_empty() || url.is_empty() {
                return Err(MarkupError::Empty { at });
            }
            out.push(Inline::Link {
                text: label.to_string(),
                url: url.to_string(),
            });
            consumed = open + 1 + close + 1 + 1 + end + 1;
        }
        rest = &rest[consumed..];
        offset += consumed;
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest.to_string()));
    }
    Ok(out)
}

/// The text a reader sees, with links reduced to their text and footnote
/// references dropped: used for page titles, summaries and search.
pub fn plain_text(source: &str) -> String {
    match parse_inline(source) {
        Ok(parts) => parts
            .into_iter()
            .map(|part| match part {
                Inline::Text(t) => t,
                Inline::Link { text, .. } => text,
                Inline::FootnoteRef(_) => String::new(),
            })
            .collect(),
        Err(_) => source.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn plain_text_is_one_run() {
        assert_eq!(
            parse_inline("Hello, world.").unwrap(),
            vec![text("Hello, world.")]
        );
        assert_eq!(parse_inline("").unwrap(), vec![]);
    }

    #[test]
    fn links_and_footnotes_are_split_out() {
        let parts = parse_inline("See [the guide](https://example.org/a_(b) now.[^2]").unwrap();
        assert_eq!(
            parts,
            vec![
                text("See "),
                Inline::Link {
                    text: "the guide".into(),
                    url: "https://example.org/a_(b".into()
                },
                text(" now."),
                Inline::FootnoteRef("2".into()),
            ]
        );
    }

    #[test]
    fn markup_like_html_stays_text() {
        let parts = parse_inline("<script>alert(1)</script> & <b>").unwrap();
        assert_eq!(parts, vec![text("<script>alert(1)</script> & <b>")]);
    }

    #[test]
    fn malformed_markup_is_an_error_not_a_panic() {
        assert_eq!(parse_inline("a [b"), Err(MarkupError::Unclosed { at: 2 }));
        assert_eq!(parse_inline("[b] c"), Err(MarkupError::Unclosed { at: 0 }));
        assert_eq!(parse_inline("[b](c"), Err(MarkupError::Unclosed { at: 0 }));
        assert_eq!(
            parse_inline("x [](https://a)"),
            Err(MarkupError::Empty { at: 2 })
        );
        assert_eq!(parse_inline("[^]"), Err(MarkupError::Empty { at: 0 }));
    }

    #[test]
    fn multibyte_text_around_markup_is_kept() {
        let parts = parse_inline("Stonewall’s [UK Index](https://s.org) – “quoted”").unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!(
            plain_text("Stonewall’s [UK Index](https://s.org) – “quoted”[^1]"),
            "Stonewall’s UK Index – “quoted”"
        );
    }
}
