/** Diagnostics as a compiler prints them: `file:line:col  severity  code  message`, the line, a caret, the hint. */
import { countBySeverity, type Diagnostic } from "../core/diagnostics.js";

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

export function formatDiagnostic(d: Diagnostic, sourceText: string | undefined, style: Style): string {
  const severity =
    d.severity === "error"
      ? style.red("error")
      : d.severity === "warning"
        ? style.yellow("warning")
        : style.cyan("info");
  const lines = [
    `${style.bold(`${d.file}:${d.line}:${d.column}`)}  ${severity}  ${style.dim(d.code)}  ${d.message}`,
  ];
  const line = sourceText?.split(/\r?\n/)[d.line - 1];
  if (line?.trim()) {
    const gutter = String(d.line);
    const shown = line.replace(/\t/g, " ");
    lines.push(`${style.dim(`${gutter} |`)} ${shown}`);
    const token = shown.slice(d.column - 1).match(/^[^\s,\]}]+|^./)?.[0] ?? "^";
    lines.push(
      `${style.dim(`${" ".repeat(gutter.length)} |`)} ${" ".repeat(Math.max(0, d.column - 1))}${style.red("^".repeat(Math.min(token.length, 60)))}`,
    );
  }
  if (d.hint) lines.push(`  ${style.cyan("hint:")} ${d.hint}`);
  return lines.join("\n");
}

export function formatCounts(diagnostics: Diagnostic[]): string {
  const counts = countBySeverity(diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.info) parts.push(`${counts.info} info`);
  return parts.join(", ");
}
