/**
 * Diagnostics: every problem found in a framework is a value, never an exception
 * (ARCHITECTURE.md §4.4). A diagnostic is located at the exact node that is wrong.
 */
export type Severity = "error" | "warning" | "info";

/** Where a diagnostic points: a file, a 1-based line and column, and the path of the node in that file. */
export interface Location {
  file: string;
  line: number;
  column: number;
  /** The node's path inside the file, e.g. `levels[3].follows[0]`. */
  path: string;
}

export interface Diagnostic extends Location {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
}

/** Finds where a piece of the loaded framework came from. Implemented by the loader. */
export interface Locator {
  /**
   * The location of `owner` (an object or array of the loaded framework), or of its member `key`.
   * `on: "key"` points at a mapping key instead of its value (for unknown or duplicate keys).
   */
  locate(owner: object, key?: string | number, on?: "key" | "value"): Location;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts diagnostics by file, then position, then severity: the order a reader fixes them in. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

export function countBySeverity(diagnostics: Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}

/** Renders a node path as `levels[3].follows[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
