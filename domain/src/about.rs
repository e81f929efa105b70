//! The restaurant's "about" text as its page shows it: plain text that
//! admins write, in blocks separated by a blank line; a block whose first
//! line starts with `## ` opens a section with that title ("Our story",
//! "The team", "What we care about": the restaurant chooses). Nothing else
//! is markup: the text is shown as written, escaped.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AboutBlock {
    /// A section's title.
    Heading(String),
    /// A paragraph, line by line (a single line break is kept).
    Paragraph(Vec<String>),
}

/// `text` cut into headings and paragraphs.
pub fn about_blocks(text: &str) -> Vec<AboutBlock> {
    let mut blocks = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let flush = |lines: &mut Vec<String>, blocks: &mut Vec<AboutBlock>| {
        if !lines.is_empty() {
            blocks.push(AboutBlock::Paragraph(std::mem::take(lines)));
        }
    };
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            flush(&mut lines, &mut blocks);
        } else if let Some(title) = line.trim_start().strip_prefix("## ") {
            flush(&mut lines, &mut blocks);
            if !title.trim().is_empty() {
                blocks.push(AboutBlock::Heading(title.trim().to_owned()));
            }
        } else {
            lines.push(line.trim_start().to_owned());
        }
    }
    flush(&mut lines, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_paragraphs_come_out_in_order() {
        let text = "Depuis 1998.\nRue des Martyrs.\n\n## L'équipe\nMargot en cuisine.\n\n\n## Nos valeurs\n##\nDu marché.\n";
        assert_eq!(
            about_blocks(text),
            vec![
                AboutBlock::Paragraph(vec!["Depuis 1998.".into(), "Rue des Martyrs.".into()]),
                AboutBlock::Heading("L'équipe".into()),
                AboutBlock::Paragraph(vec!["Margot en cuisine.".into()]),
                AboutBlock::Heading("Nos valeurs".into()),
                AboutBlock::Paragraph(vec!["##".into(), "Du marché.".into()]),
            ]
        );
    }

    #[test]
    fn nothing_written_is_nothing_shown() {
        assert!(about_blocks("").is_empty());
        assert!(about_blocks("  \n\n ").is_empty());
    }

    #[test]
    fn markup_is_text() {
        assert_eq!(
            about_blocks("<b>bold</b> # not a title"),
            vec![AboutBlock::Paragraph(vec![
                "<b>bold</b> # not a title".into()
            ])]
        );
    }
}
