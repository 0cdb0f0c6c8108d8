/**
 * Where something was read in an input file that is not a framework file: a table row (csv), a
 * spreadsheet cell (xlsx) or a YAML node of another tool's format. The framework importers and the people
 * CSV share it, so a problem is located the same way wherever a table is read.
 */

/**
 * A file and line (text formats), with the column in a table (its position, from 1, and its header), or a
 * file, sheet and cell (spreadsheets).
 */
export interface SourceLocation {
  file: string;
  line?: number;
  /** The table column's position, counted from 1 (csv). */
  column?: number;
  /** The header of the table column, as the file writes it (csv and xlsx; not on the header row itself). */
  header?: string;
  sheet?: string;
  cell?: string;
}

/** A header as a location shows it: long ones cut, so a location stays one readable line. */
const HEADER_SHOWN = 40;

/**
 * `team.csv:12:4 (column "level")`, `ladder.xlsx#Rows!C7 (column "level")`, `team.csv:12` or `team.yaml`:
 * file:line:column as `rungs check` locates diagnostics, the column named by its header where it has one.
 */
export function formatLocation(at: SourceLocation): string {
  const place =
    at.sheet !== undefined
      ? `${at.file}#${at.sheet}${at.cell ? `!${at.cell}` : ""}`
      : at.line !== undefined
        ? `${at.file}:${at.line}${at.column !== undefined ? `:${at.column}` : ""}`
        : at.file;
  return at.header ? `${place} (column "${shownHeader(at.header)}")` : place;
}

function shownHeader(header: string): string {
  return header.length > HEADER_SHOWN ? `${header.slice(0, HEADER_SHOWN - 1)}…` : header;
}
