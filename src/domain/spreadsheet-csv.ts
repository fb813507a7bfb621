// CSV written for people who open it in a spreadsheet (an accounting import, an agency's placement
// file): RFC 4180 quoting and CRLF line ends, and a field that starts with =, +, - or @ defused
// with a leading apostrophe so the spreadsheet never runs it as a formula.

/** A CSV field, quoted when it must be, never read as a formula. */
export function spreadsheetField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line of these fields, ending CRLF. */
export const spreadsheetLine = (values: readonly string[]): string => `${values.map(spreadsheetField).join(',')}\r\n`;
