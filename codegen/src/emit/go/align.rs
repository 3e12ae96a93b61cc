//! gofmt's column alignment, reproduced.
//!
//! gofmt passes declarations through `text/tabwriter` (padding 1, empty
//! columns discarded). A line is a list of cells; every cell but the last is
//! aligned. A column block is a run of consecutive lines that all have a cell
//! in that column, nested inside the block of the column before; its width
//! is the widest cell plus one space. Comment lines and blank lines have no
//! aligned cells, so they end every block.

/// One line of an aligned section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// Cells: all but the last are padded to their column's width.
    Cells(Vec<String>),
    /// A line written as is (a comment or a blank line); it ends every block.
    Verbatim(String),
}

/// Renders rows to lines the way gofmt lays them out.
pub fn render(rows: &[Row]) -> Vec<String> {
    let cells: Vec<&[String]> = rows
        .iter()
        .map(|r| match r {
            Row::Cells(c) => c.as_slice(),
            Row::Verbatim(_) => &[],
        })
        .collect();
    let mut widths = vec![Vec::new(); rows.len()];
    fill(&cells, &mut widths, 0, rows.len(), 0);
    rows.iter()
        .zip(&widths)
        .map(|(row, widths)| match row {
            Row::Verbatim(text) => text.clone(),
            Row::Cells(cells) => join(cells, widths),
        })
        .collect()
}

/// Computes the width of column `col` for every block in `start..end`, then recurses.
fn fill(cells: &[&[String]], widths: &mut [Vec<usize>], start: usize, end: usize, col: usize) {
    let has = |i: usize| cells[i].len() > col + 1;
    let mut i = start;
    while i < end {
        if !has(i) {
            i += 1;
            continue;
        }
        let block = i;
        let mut width = 0;
        while i < end && has(i) {
            width = width.max(cells[i][col].chars().count());
            i += 1;
        }
        // An all-empty column is discarded; otherwise one space of padding.
        let width = if width == 0 { 0 } else { width + 1 };
        for w in &mut widths[block..i] {
            w.push(width);
        }
        fill(cells, widths, block, i, col + 1);
    }
}

fn join(cells: &[String], widths: &[usize]) -> String {
    let padded: usize = widths.iter().sum();
    let mut out = String::with_capacity(padded + cells.last().map_or(0, String::len));
    for (cell, width) in cells.iter().zip(widths) {
        out.push_str(cell);
        let pad = width.saturating_sub(cell.chars().count());
        for _ in 0..pad {
            out.push(' ');
        }
    }
    if let Some(last) = cells.last() {
        out.push_str(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(c: &[&str]) -> Row {
        Row::Cells(c.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn aligns_like_gofmt() {
        // Expected output taken from gofmt on the same declarations.
        let rows = [
            cells(&["B", "string"]),
            cells(&["C", "*int", "`json:\"c,omitempty\"`"]),
            cells(&["DD", "bool", "`json:\"d\"`"]),
            cells(&["E", "[]string"]),
            cells(&["FFFFFFF", "[]string", "`json:\"ffff\"`"]),
            cells(&["G", "map[string]int", "`json:\"g\"`"]),
            Row::Verbatim("// doc".into()),
            cells(&["H", "int"]),
        ];
        assert_eq!(
            render(&rows),
            [
                "B       string",
                "C       *int `json:\"c,omitempty\"`",
                "DD      bool `json:\"d\"`",
                "E       []string",
                "FFFFFFF []string       `json:\"ffff\"`",
                "G       map[string]int `json:\"g\"`",
                "// doc",
                "H int",
            ]
        );
    }

    #[test]
    fn empty_columns_are_discarded() {
        let rows = [cells(&["BBB", "", "= 2"]), cells(&["A", "", "= 1"])];
        assert_eq!(render(&rows), ["BBB = 2", "A   = 1"]);
        let rows = [cells(&["BBB", "", "= 2"]), cells(&["CC", "T", "= 1"])];
        assert_eq!(render(&rows), ["BBB   = 2", "CC  T = 1"]);
    }
}
