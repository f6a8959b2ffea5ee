//! Diagnostics: every problem names its file, and the line and column when a parser knows them.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found while building, tied to the file (and line) it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        Diagnostic::new(path, format!("failed to {action}: {err}"))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that went wrong in one build: the build reports them all at once.
#[derive(Debug, Default)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    pub fn one(d: Diagnostic) -> Self {
        Errors(vec![d])
    }
}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Self {
        Errors::one(d)
    }
}

impl From<Vec<Diagnostic>> for Errors {
    fn from(v: Vec<Diagnostic>) -> Self {
        Errors(v)
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Turns a byte offset into a 1-based (line, column), counting columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_path_line_and_column() {
        let d = Diagnostic::new("content/posts/a.md", "bad date").at(3, Some(7));
        assert_eq!(d.to_string(), "content/posts/a.md:3:7: bad date");
        let d = Diagnostic::new("config.toml", "oops");
        assert_eq!(d.to_string(), "config.toml: oops");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "첫째 줄\n둘째 줄입니다";
        let off = text.find("줄입").unwrap();
        assert_eq!(line_col(text, off), (2, 4));
        assert_eq!(line_col(text, 0), (1, 1));
    }
}
