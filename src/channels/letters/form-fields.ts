// Pieces of the forms a debtor fills in by hand and posts back: tick boxes, and lines to write on.
// They are drawn (the standard fonts have no ballot-box character), sized for a pen.
import type { Column, Content, ContentTable, TableCell } from 'pdfmake/interfaces.js';

const boxSize = 8.5;

/** A square to tick, followed by its label. */
export function checkbox(label: Content, indent = 0): Content {
  return {
    margin: [indent, 2, 0, 3],
    columns: [
      { width: boxSize + 6, canvas: [{ type: 'rect', x: 0, y: 1, w: boxSize, h: boxSize, lineWidth: 0.8 }] },
      { width: '*', stack: [label] },
    ],
    columnGap: 2,
  };
}

/** A line to write on, `width` points long, its bottom level with the text beside it. */
export function writingLine(width: number): Column {
  return { width, canvas: [{ type: 'line', x1: 0, y1: 10, x2: width, y2: 10, lineWidth: 0.5 }] };
}

/** A label followed by a line that runs to the end of the column ("Name ________"). */
export function labelledLine(label: string, labelWidth: number | 'auto' = 'auto'): Content {
  return {
    margin: [0, 6, 0, 0],
    columns: [{ width: labelWidth, text: label }, { width: '*', ...lineToEdge() }],
    columnGap: 4,
  };
}

/** Empty lines across the whole column, for a free-text answer. */
export function blankLines(count: number, indent = 0): Content {
  return { margin: [indent, 0, 0, 2], stack: Array.from({ length: count }, () => ({ margin: [0, 6, 0, 0], ...lineToEdge() }) satisfies Content) };
}

// A table with only a bottom border stretches to the column's width, which a canvas cannot.
function lineToEdge(): ContentTable {
  return {
    table: { widths: ['*'], body: [[{ text: ' ', border: [false, false, false, true] }]] },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
  };
}

/** A tick box whose label is followed by a line to write on ("☐ I want to pay … of £ ______"). */
export function checkboxWithLine(label: Content, lineWidth: number | '*' = '*', after?: string, indent = 0): Content {
  return {
    margin: [indent, 2, 0, 3],
    columns: [
      { width: boxSize + 6, canvas: [{ type: 'rect', x: 0, y: 1, w: boxSize, h: boxSize, lineWidth: 0.8 }] },
      { width: 'auto', stack: [label] },
      lineWidth === '*' ? { width: '*', ...lineToEdge() } : writingLine(lineWidth),
      ...(after ? [{ width: 'auto', text: after } satisfies Column] : []),
    ],
    columnGap: 3,
  };
}

/**
 * Rows of "label  £ ______", for amounts to fill in: a table so the lines line up down the page.
 * `symbol` is the currency sign printed before each line.
 */
export function amountLines(labels: readonly string[], symbol: string, options: { total?: string } = {}): Content {
  const row = (label: string, bold = false): TableCell[] => [
    { text: label, bold, border: [false, false, false, false] },
    { text: symbol, bold, border: [false, false, false, false] },
    { text: ' ', border: [false, false, false, true] },
  ];
  return {
    table: { widths: ['*', 'auto', 58], body: [...labels.map((label) => row(label)), ...(options.total ? [row(options.total, true)] : [])] },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 3, paddingTop: () => 4, paddingBottom: () => 1 },
  };
}
