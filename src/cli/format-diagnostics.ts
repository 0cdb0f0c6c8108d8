/** Diagnostics as a compiler prints them: `file:line:col  severity  code  message`, the line, a caret, the hint. */
import { countBySeverity, type Diagnostic } from "../core/diagnostics.js";
import { escapeControl } from "../core/text.js";

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const ansi = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const colours: Style = {
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};
const same = (s: string) => s;
export const plain: Style = { red: same, yellow: same, cyan: same, dim: same, bold: same };

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return stream.isTTY && !env.NO_COLOR ? colours : plain;
}

/** Where the text of a diagnostic's line comes from (a loaded file's `lines`). */
export interface SourceLines {
  lineText(line: number): string | undefined;
}

/**
 * One diagnostic, compiler style. Everything taken from the file (its name, the message, the line) has its
 * control characters escaped before it is styled, and a long line is cut to the part around the column.
 */
export function formatDiagnostic(d: Diagnostic, source: SourceLines | undefined, style: Style): string {
  const severity =
    d.severity === "error"
      ? style.red("error")
      : d.severity === "warning"
        ? style.yellow("warning")
        : style.cyan("info");
  const lines = [
    `${style.bold(escapeControl(`${d.file}:${d.line}:${d.column}`))}  ${severity}  ${style.dim(d.code)}  ${escapeControl(d.message)}`,
  ];
  const line = source?.lineText(d.line);
  if (line?.trim()) {
    const gutter = String(d.line);
    const { text, caret } = excerpt(line, d.column);
    lines.push(`${style.dim(`${gutter} |`)} ${text}`);
    const token = text.slice(caret).match(/^[^\s,\]}]+|^./)?.[0] ?? "^";
    lines.push(
      `${style.dim(`${" ".repeat(gutter.length)} |`)} ${" ".repeat(caret)}${style.red("^".repeat(Math.min(token.length, 60)))}`,
    );
  }
  if (d.hint) lines.push(`  ${style.cyan("hint:")} ${escapeControl(d.hint)}`);
  return lines.join("\n");
}

/** Columns of a source line shown around the column a diagnostic points at. */
const SHOWN = 120;
const BEFORE = 40;

/** The part of `line` shown for `column` (tabs as spaces, controls escaped) and where the caret goes in it. */
function excerpt(line: string, column: number): { text: string; caret: number } {
  const at = Math.max(0, column - 1);
  const start = line.length > SHOWN ? Math.max(0, Math.min(at - BEFORE, line.length - SHOWN)) : 0;
  const end = Math.min(line.length, start + SHOWN);
  const show = (part: string) => escapeControl(part.replace(/\t/g, " "));
  const before = `${start > 0 ? "…" : ""}${show(line.slice(start, Math.min(at, end)))}`;
  return {
    text: `${before}${show(line.slice(Math.min(at, end), end))}${end < line.length ? "…" : ""}`,
    caret: before.length,
  };
}

export function formatCounts(diagnostics: Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.info) parts.push(`${counts.info} info`);
  return parts.join(", ");
}
