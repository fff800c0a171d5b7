//! Pictures of a struct's bytes, drawn from what a program measured on the target.
//!
//! An exercise that prints a line such as
//!
//! ```text
//! layout PacketHeader: 12 bytes, align 4: kind 0..1, length 2..4, sequence 4..8, crc 8..10
//! ```
//!
//! (the type, `size_of`, `align_of`, and each field's byte range from `offset_of!` and `size_of`;
//! the gaps are padding) has that line checked in its `expected.out`, so the numbers are the
//! target's. `cargo workbook figures` turns every such line into
//! `chapters/<chapter>/layout-<Type>.svg`, and the suite fails when a figure in the book no
//! longer matches the output it was drawn from.

use crate::{Problem, catalogue::Catalogue, problem};
use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
};

/// One field's bytes: `start..end`, counted from the struct's first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub start: u32,
    pub end: u32,
}

/// A type's size, alignment and fields, as one `layout …` line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub name: String,
    pub size: u32,
    pub align: u32,
    /// In offset order.
    pub fields: Vec<Field>,
}

/// A figure to draw: where it goes, what it shows, and the output that measured it.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Relative to the repository's root.
    pub path: PathBuf,
    pub layout: Layout,
    pub source: PathBuf,
}

/// Reads a `layout …` line; `None` for any other line, `Err` for a `layout` line that is wrong.
pub fn parse(line: &str) -> Option<Result<Layout, String>> {
    let rest = line.trim().strip_prefix("layout ")?;
    Some(parse_layout(rest).ok_or_else(|| {
        format!(
            "cannot read '{}': expected `layout Name: N bytes, align A: field start..end, …`",
            line.trim()
        )
    }))
    .map(|layout| layout.and_then(check))
}

fn parse_layout(rest: &str) -> Option<Layout> {
    let (name, rest) = rest.split_once(':')?;
    let (sizes, fields) = rest.split_once(':')?;
    let (size, align) = sizes.split_once(',')?;
    let size = size.trim().strip_suffix("bytes")?.trim().parse().ok()?;
    let align = align.trim().strip_prefix("align")?.trim().parse().ok()?;
    let mut parsed = Vec::new();
    for field in fields.split(',') {
        let (field_name, range) = field.trim().rsplit_once(' ')?;
        let (start, end) = range.split_once("..")?;
        parsed.push(Field {
            name: field_name.trim().to_string(),
            start: start.parse().ok()?,
            end: end.parse().ok()?,
        });
    }
    parsed.sort_by_key(|f| f.start);
    Some(Layout {
        name: name.trim().to_string(),
        size,
        align,
        fields: parsed,
    })
}

/// Fields inside the type, in order, without overlaps; a name a file can carry.
fn check(layout: Layout) -> Result<Layout, String> {
    let name_ok = !layout.name.is_empty()
        && layout
            .name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !name_ok {
        return Err(format!(
            "'{}' is not a type name a figure can be named after",
            layout.name
        ));
    }
    let mut previous_end = 0;
    for field in &layout.fields {
        if field.start >= field.end || field.end > layout.size || field.start < previous_end {
            return Err(format!(
                "{}: field {} at {}..{} is empty, overlaps another or lies outside its {} bytes",
                layout.name, field.name, field.start, field.end, layout.size
            ));
        }
        previous_end = field.end;
    }
    Ok(layout)
}

/// Every figure the exercises' expected outputs ask for, or every problem with them.
pub fn figures(root: &Path) -> Result<Vec<Figure>, Problem> {
    let catalogue = Catalogue::load(root)?;
    let mut figures: Vec<Figure> = Vec::new();
    let mut problems = Vec::new();
    for chapter in &catalogue.chapters {
        for exercise in &chapter.exercises {
            let source = exercise.expected_output_path();
            let Ok(text) = std::fs::read_to_string(root.join(&source)) else {
                continue;
            };
            for line in text.lines() {
                match parse(line) {
                    None => {}
                    Some(Err(why)) => problems.push(format!("{}: {why}", source.display())),
                    Some(Ok(layout)) => {
                        let path = Path::new("chapters")
                            .join(&chapter.folder)
                            .join(format!("layout-{}.svg", layout.name));
                        match figures.iter().find(|f| f.path == path) {
                            Some(other) if other.layout != layout => problems.push(format!(
                                "{} and {} both describe {} differently: give one another name",
                                other.source.display(),
                                source.display(),
                                layout.name
                            )),
                            Some(_) => {}
                            None => figures.push(Figure {
                                path,
                                layout,
                                source: source.clone(),
                            }),
                        }
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(figures)
    } else {
        Err(problem!("{}", problems.join("\n")))
    }
}

/// Bytes drawn in one row.
const ROW_BYTES: u32 = 16;
const CELL: u32 = 34;
const ROW_HEIGHT: u32 = 34;
const LEFT: u32 = 48;

/// The SVG of one layout: rows of 16 bytes, each field a box over its bytes, padding hatched,
/// and a legend listing every field. Colours are `currentColor`, so the figure follows the book's
/// light or dark theme when the page includes it inline (`{{#include layout-….svg}}`).
pub fn svg(layout: &Layout) -> String {
    let rows = layout.size.div_ceil(ROW_BYTES).max(1);
    let row_bytes = layout.size.clamp(1, ROW_BYTES);
    let grid_top = 44;
    let row_pitch = ROW_HEIGHT + 22;
    let legend_top = grid_top + rows * row_pitch + 8;
    let legend_rows = layout.fields.len() as u32 + 1;
    let width = LEFT + row_bytes * CELL + 24;
    let width = width.max(420);
    let height = legend_top + legend_rows * 18 + 8;
    let id = format!("layout-{}", layout.name.to_lowercase());
    let padding: u32 = layout.size - layout.fields.iter().map(|f| f.end - f.start).sum::<u32>();

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" role="img" aria-labelledby="{id}-title {id}-desc" style="max-width: 100%; height: auto;" font-family="sans-serif" font-size="13">"#
    );
    let _ = writeln!(
        out,
        r#"  <title id="{id}-title">The bytes of {} ({} bytes, aligned to {})</title>"#,
        escape(&layout.name),
        layout.size,
        layout.align
    );
    let described: Vec<String> = layout
        .fields
        .iter()
        .map(|f| format!("{} in bytes {}..{}", f.name, f.start, f.end))
        .collect();
    let _ = writeln!(
        out,
        r#"  <desc id="{id}-desc">Drawn from the offsets the program measured under QEMU. {}; {padding} bytes of padding.</desc>"#,
        escape(&described.join(", "))
    );
    let _ = writeln!(
        out,
        r#"  <defs><pattern id="{id}-padding" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="1" stroke-opacity="0.5"/></pattern></defs>"#
    );
    let _ = writeln!(
        out,
        r#"  <text x="{LEFT}" y="26" fill="currentColor" font-family="monospace" font-weight="bold">{}: {} bytes, align {}</text>"#,
        escape(&layout.name),
        layout.size,
        layout.align
    );

    // Each stretch of bytes is a field or padding; a stretch that crosses a row is drawn in pieces.
    let mut stretches: Vec<(u32, u32, Option<&str>)> = Vec::new();
    let mut at = 0;
    for field in &layout.fields {
        if field.start > at {
            stretches.push((at, field.start, None));
        }
        stretches.push((field.start, field.end, Some(&field.name)));
        at = field.end;
    }
    if at < layout.size {
        stretches.push((at, layout.size, None));
    }
    for row in 0..rows {
        let y = grid_top + row * row_pitch;
        let first = row * ROW_BYTES;
        let last = (first + ROW_BYTES).min(layout.size);
        let _ = writeln!(
            out,
            r#"  <text x="{}" y="{}" text-anchor="end" fill="currentColor" font-family="monospace" font-size="11">+{first}</text>"#,
            LEFT - 6,
            y + ROW_HEIGHT / 2 + 4
        );
        for &(start, end, name) in &stretches {
            let (start, end) = (start.max(first), end.min(last));
            if start >= end {
                continue;
            }
            let x = LEFT + (start - first) * CELL;
            let w = (end - start) * CELL;
            match name {
                Some(_) => {
                    let _ = writeln!(
                        out,
                        r#"  <rect x="{x}" y="{y}" width="{w}" height="{ROW_HEIGHT}" fill="currentColor" fill-opacity="0.18" stroke="currentColor"/>"#
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        r#"  <rect x="{x}" y="{y}" width="{w}" height="{ROW_HEIGHT}" fill="url(#{id}-padding)" stroke="currentColor" stroke-dasharray="3 2"/>"#
                    );
                }
            }
            for byte in start + 1..end {
                let bx = LEFT + (byte - first) * CELL;
                let _ = writeln!(
                    out,
                    r#"  <line x1="{bx}" y1="{}" x2="{bx}" y2="{}" stroke="currentColor" stroke-width="0.7"/>"#,
                    y + ROW_HEIGHT - 6,
                    y + ROW_HEIGHT
                );
            }
            let label = name.unwrap_or("pad");
            // About 7 px a character at 12 px monospace: a label that does not fit is left to
            // the legend.
            if label.len() as u32 * 7 + 6 <= w {
                let _ = writeln!(
                    out,
                    r#"  <text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-family="monospace" font-size="12"{}>{}</text>"#,
                    x + w / 2,
                    y + ROW_HEIGHT / 2 + 4,
                    if name.is_none() {
                        r#" font-style="italic""#
                    } else {
                        ""
                    },
                    escape(label)
                );
            }
        }
        // Offsets under each stretch's first byte, and the row's end.
        for &(start, _, _) in &stretches {
            if (first..last).contains(&start) {
                let _ = writeln!(
                    out,
                    r#"  <text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-family="monospace" font-size="10">{start}</text>"#,
                    LEFT + (start - first) * CELL,
                    y + ROW_HEIGHT + 12
                );
            }
        }
        if last == layout.size {
            let _ = writeln!(
                out,
                r#"  <text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-family="monospace" font-size="10">{last}</text>"#,
                LEFT + (last - first) * CELL,
                y + ROW_HEIGHT + 12
            );
        }
    }

    // The legend: every field, with the bytes it holds (SVG collapses spaces: one column each).
    let name_width = layout
        .fields
        .iter()
        .map(|f| f.name.len())
        .max()
        .unwrap_or(0) as u32
        * 7
        + 16;
    for (i, field) in layout.fields.iter().enumerate() {
        let bytes = field.end - field.start;
        let y = legend_top + i as u32 * 18 + 12;
        let _ = writeln!(
            out,
            r#"  <text x="{LEFT}" y="{y}" fill="currentColor" font-family="monospace" font-size="12">{}</text>"#,
            escape(&field.name)
        );
        let _ = writeln!(
            out,
            r#"  <text x="{}" y="{y}" fill="currentColor" font-family="monospace" font-size="12">bytes {}..{} ({bytes} byte{})</text>"#,
            LEFT + name_width,
            field.start,
            field.end,
            if bytes == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(
        out,
        r#"  <text x="{LEFT}" y="{}" fill="currentColor" font-family="monospace" font-size="12" font-style="italic">padding: {padding} byte{}</text>"#,
        legend_top + layout.fields.len() as u32 * 18 + 12,
        if padding == 1 { "" } else { "s" }
    );
    out.push_str("</svg>\n");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The figures whose file is missing or differs from what their layout draws now.
pub fn stale(root: &Path, figures: &[Figure]) -> Vec<PathBuf> {
    figures
        .iter()
        .filter(|f| std::fs::read_to_string(root.join(&f.path)).ok() != Some(svg(&f.layout)))
        .map(|f| f.path.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_line_is_read_with_its_fields_in_offset_order() {
        let layout = parse("layout PacketHeader: 12 bytes, align 4: sequence 4..8, kind 0..1, length 2..4, crc 8..10")
            .unwrap()
            .unwrap();
        assert_eq!(layout.name, "PacketHeader");
        assert_eq!((layout.size, layout.align), (12, 4));
        let names: Vec<&str> = layout.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["kind", "length", "sequence", "crc"]);
    }

    #[test]
    fn other_lines_are_not_layouts_and_broken_ones_are_errors() {
        assert!(parse("PacketHeader is 12 bytes").is_none());
        assert!(parse("layout PacketHeader: twelve bytes").unwrap().is_err());
        assert!(
            parse("layout PacketHeader: 4 bytes, align 4: kind 0..2, length 1..4")
                .unwrap()
                .is_err(),
            "overlapping fields"
        );
        assert!(
            parse("layout PacketHeader: 4 bytes, align 4: kind 0..8")
                .unwrap()
                .is_err(),
            "a field past the end"
        );
    }

    #[test]
    fn the_picture_shows_every_field_and_the_padding() {
        let layout = parse("layout PacketHeader: 12 bytes, align 4: kind 0..1, length 2..4, sequence 4..8, crc 8..10")
            .unwrap()
            .unwrap();
        let picture = svg(&layout);
        for text in [
            "PacketHeader: 12 bytes, align 4",
            ">sequence<",
            "padding: 3 bytes",
        ] {
            assert!(picture.contains(text), "{text} missing in\n{picture}");
        }
        // One hatched box for byte 1, one for bytes 10 and 11.
        assert_eq!(picture.matches("-padding)").count(), 2);
    }
}
