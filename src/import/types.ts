/**
 * What every importer shares: the input files, where each entity came from (provenance), what did not fit
 * the model exactly (the bend report), and located errors. An importer turns input files into a framework
 * model; `src/import/write.ts` turns the model into canonical YAML that `rungs check` accepts.
 */

import type { Framework } from "../core/schema.js";
import { formatLocation, type SourceLocation } from "../core/source-location.js";
import { clipMessage } from "../core/text.js";

/** One input file as it was given: a name to show in messages, and its bytes. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/** What was done with something that did not fit the model as it was. */
export type BendKind = "merged" | "dropped" | "renamed" | "guessed";

export interface Bend {
  kind: BendKind;
  at: SourceLocation;
  message: string;
}

export interface ImportProblem {
  at: SourceLocation;
  message: string;
}

/** Bad input: every problem found, each located. Nothing is written when an import throws this. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => `${formatLocation(p.at)}: ${p.message}`).join("\n"));
    this.name = "ImportError";
  }
}

/** An importer's result: the framework and what it knows about where each part came from. */
export interface Imported {
  framework: Framework;
  /** Entity path (`levels.senior`, `areas.craft.competencies.testing`) → where it was read. */
  provenance: Map<string, SourceLocation>;
  bends: Bend[];
  /**
   * A base framework the imported one `extends` (Monzo's generic framework): the two are written side by
   * side, `<base id>/` and `<id>/`, and `framework` names the base as `../<base id>`.
   */
  base?: Framework;
}

export interface ImportOptions {
  /** The parsed `--map` file, when one was given (each importer reads what it understands). */
  map?: unknown;
  /** Where the map came from, for messages. */
  mapName?: string;
  /**
   * Bends found before any input was read, listed first: what a folder given as an input holds that the
   * format skips by design (cli/import-command.ts).
   */
  bends?: Bend[];
}

export interface Importer {
  /** Reads the inputs; throws ImportError on bad input (never anything else for bad input). */
  read(inputs: ImportInput[], options: ImportOptions): Promise<Imported>;
  /** A file to start from, when the format has one (`rungs import csv --template`). */
  template?(): Promise<ImportInput>;
}

/**
 * Collects what an importer finds as it reads: problems, bends and provenance. `done(framework)` returns
 * the result, or throws every problem at once.
 */
export class ImportLog {
  readonly problems: ImportProblem[] = [];
  readonly bends: Bend[] = [];
  readonly provenance = new Map<string, SourceLocation>();
  /** Stop collecting problems past this many: the first screenful says what is wrong. */
  static readonly MAX_PROBLEMS = 100;

  error(at: SourceLocation, message: string): void {
    if (this.problems.length < ImportLog.MAX_PROBLEMS)
      this.problems.push({ at, message: clipMessage(message) });
  }

  bend(kind: BendKind, at: SourceLocation, message: string): void {
    this.bends.push({ kind, at, message: clipMessage(message) });
  }

  /** Records where an entity came from (the first place it was seen wins). */
  from(entity: string, at: SourceLocation): void {
    if (!this.provenance.has(entity)) this.provenance.set(entity, at);
  }

  /** Throws the problems found so far, if any. */
  check(): void {
    if (this.problems.length) throw new ImportError(this.problems);
  }

  done(framework: Framework, base?: Framework): Imported {
    this.check();
    return { framework, provenance: this.provenance, bends: this.bends, ...(base ? { base } : {}) };
  }
}

/**
 * Bends as lines for people: `renamed  team.csv:4: level "Senior " is read as senior`. Past the first
 * `perKind` of a kind, the rest of that kind are counted in one line: a sheet of 100,000 rows that each
 * bend the same way says so in a screenful, not in 100,000 lines (or a page of them).
 */
export function formatBends(bends: readonly Bend[], perKind = ImportLog.MAX_PROBLEMS): string[] {
  const counts = new Map<BendKind, number>();
  const lines: string[] = [];
  for (const b of bends) {
    const count = (counts.get(b.kind) ?? 0) + 1;
    counts.set(b.kind, count);
    if (count <= perKind) lines.push(`${b.kind.padEnd(8)} ${formatLocation(b.at)}: ${b.message}`);
  }
  for (const [kind, count] of counts)
    if (count > perKind)
      lines.push(`${kind.padEnd(8)} … and ${count - perKind} more ${kind} bends not listed`);
  return lines;
}

/** Text from bytes: UTF-8 only (with or without a byte-order mark); anything else is a located error. */
export function utf8(input: ImportInput): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input.bytes);
  } catch {
    throw new ImportError([
      { at: { file: input.name }, message: "is not UTF-8 text (save the sheet as CSV UTF-8)" },
    ]);
  }
}
