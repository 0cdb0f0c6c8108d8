/**
 * A CSV reader for files people export from spreadsheets (RFC 4180, https://www.rfc-editor.org/rfc/rfc4180):
 * comma-separated fields, double-quoted fields that may hold commas, quotes ("" inside quotes) and line
 * breaks, records ended by CRLF, LF or a lone CR, and a UTF-8 byte-order mark at the start (Excel writes one).
 * Every record keeps the line it starts on, so problems can be reported by line as an editor shows it.
 */
import type { SourceLocation } from "./source-location.js";

export interface CsvRecord {
  /** The 1-based line the record starts on (a quoted line break makes a record span several lines). */
  line: number;
  fields: string[];
}

export interface CsvSyntaxProblem {
  line: number;
  /** The field the problem is in, counted from 1. */
  field: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvSyntaxProblem[];
}

const BOM = "\ufeff";

/**
 * Reads every record of `text`. Never throws: malformed input becomes problems, each on the line where it
 * is, and parsing goes on with the next record. Lenient where spreadsheets are (a quote inside an unquoted
 * field is kept as a character); strict where guessing could shift fields (text after a closing quote, a
 * quote left open). Empty lines are skipped. Fields are separated by `separator` (a comma, or the semicolon
 * or tab some spreadsheets save with).
 */
// long: one state machine over the characters (field, quoted field, after a quote); split, its state would
// travel between functions in half a dozen variables
export function parseCsv(text: string, separator = ","): CsvParseResult {
  const source = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const records: CsvRecord[] = [];
  const problems: CsvSyntaxProblem[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;

  /** Consumes a line break at i, if there is one, and counts it. */
  const lineBreak = (): boolean => {
    const c = source[i];
    if (c === "\r") {
      i += source[i + 1] === "\n" ? 2 : 1;
      line++;
      return true;
    }
    if (c === "\n") {
      i++;
      line++;
      return true;
    }
    return false;
  };
  /** Skips to just after the end of the current record (after a problem). */
  const skipRecord = () => {
    while (i < n && !lineBreak()) i++;
  };

  reading: while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      // one field
      if (source[i] === '"') {
        const openedOn = line;
        const field = fields.length + 1;
        i++;
        let value = "";
        for (;;) {
          if (i >= n) {
            problems.push({
              line: openedOn,
              field,
              message: 'a quoted field is never closed (a " is missing)',
            });
            break reading;
          }
          const c = source[i] as string;
          if (c === '"') {
            if (source[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\r" || c === "\n") {
            const from = i;
            lineBreak();
            value += source.slice(from, i);
            continue;
          }
          value += c;
          i++;
        }
        fields.push(value);
        if (i < n && source[i] !== separator && source[i] !== "\r" && source[i] !== "\n") {
          problems.push({
            line,
            field: fields.length,
            message: `unexpected text after a closing quote in field ${fields.length} (a quote inside a quoted field is written "")`,
          });
          skipRecord();
          continue reading;
        }
      } else {
        const from = i;
        while (i < n && source[i] !== separator && source[i] !== "\r" && source[i] !== "\n") i++;
        fields.push(source.slice(from, i));
      }
      // after a field: a separator (another field follows), a line break or the end (the record is done)
      if (source[i] === separator) {
        i++;
        continue;
      }
      lineBreak();
      break;
    }
    if (fields.length === 1 && fields[0] === "") continue;
    records.push({ line: start, fields });
  }
  return { records, problems };
}

/**
 * How a CSV table's problems are located: `file:line`, or `file:line:column` with the header of the column
 * (`team.csv:12:4 (column "level")`) for a cell below the header row. `column` counts from 0 (the index
 * into a record's fields). The framework CSV importer and the people CSV both locate with it.
 */
export function csvLocator(
  file: string,
  header: CsvRecord | undefined,
): (line: number, column?: number) => SourceLocation {
  return (line, column) => {
    if (column === undefined) return { file, line };
    const name = header && line > header.line ? header.fields[column]?.trim() : undefined;
    return { file, line, column: column + 1, ...(name ? { header: name } : {}) };
  };
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, line break or edge space. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading single
 * quote first (OWASP "CSV injection"). Numbers are written as they are: a delta of -1 stays a number.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
