/** Files parsed once for several loads (parse-cache users: rungs diff, rungs review, a server's reloads). */
import type { Diagnostic } from "../core/diagnostics.js";
import type { LoadLimits } from "./limits.js";
import { readQuickYaml } from "./yaml-quick.js";
import { quickSource, readSource, type SourceFile, SourceMap } from "./yaml-source.js";

/**
 * Files already parsed, by their text, and the one source map that locates their values: `rungs diff` loads
 * two versions whose files are mostly the same bytes, and parses each such file once. The loads share the
 * values, so no file of a load with errors is kept (validation cuts the invalid parts out of the values
 * themselves); a reused file locates at the path it was first read from, at the same line and column.
 *
 * `quick`: each file in the subset of YAML that yaml-quick.ts reads is read by it, several times faster and
 * without locations; a load with errors must then be done again without it to say where they are.
 *
 * `byPath`: a file is reused only at its own path, while its text is the same (a server's reloads of one
 * framework: a file is parsed again only when it changed, and `retain` keeps no more than the last load's).
 */
export class ParseCache {
  /** By text, or by path (`byPath`). */
  private readonly parsed = new Map<string, SourceFile>();
  /** The files this cache gave out again: their values are an earlier load's too. */
  private readonly given = new WeakSet<SourceFile>();

  /** `locator`: the one that locates the files `keep` is given, when they were parsed before this cache. */
  constructor(
    readonly quick = false,
    readonly locator = new SourceMap(),
    private readonly byPath = false,
  ) {}

  private keyOf(file: string, text: string): string {
    return this.byPath ? file : text;
  }

  /**
   * Remembers the files of a load without errors done without this cache, located by its `locator`: a later
   * load through it parses them no more (`rungs review` loads the base after checking the new version).
   */
  keep(files: readonly SourceFile[]): void {
    for (const file of files) {
      const key = this.keyOf(file.file, file.text);
      if (file.value !== undefined && !this.parsed.has(key)) this.parsed.set(key, file);
    }
  }

  /** The file's parse: the earlier one when the same text was parsed before (at the same path, `byPath`). */
  parse(file: string, text: string, limits: LoadLimits): { source: SourceFile; diagnostics: Diagnostic[] } {
    const known = this.parsed.get(this.keyOf(file, text));
    if (known && (!this.byPath || known.text === text)) {
      this.given.add(known);
      return { source: known, diagnostics: [] };
    }
    const read = this.quick ? readQuickYaml(text, limits.entries) : undefined;
    const parsed = read
      ? { source: quickSource(file, text, limits, read.value), diagnostics: [] }
      : readSource(file, text, this.locator, limits);
    if (parsed.diagnostics.length === 0) this.parsed.set(this.keyOf(file, text), parsed.source);
    else if (this.byPath) this.parsed.delete(file);
    return parsed;
  }

  /** Whether `source` was given out again, its value shared with the load that first read it. */
  reused(source: SourceFile): boolean {
    return this.given.has(source);
  }

  /** Forgets the files of a load that had errors: their values may have been cut. */
  forget(files: readonly SourceFile[]): void {
    for (const file of files) this.parsed.delete(this.keyOf(file.file, file.text));
  }

  /** Keeps only `files` (the last load's): what an earlier version read is let go. */
  retain(files: readonly SourceFile[]): void {
    const kept = new Set(files);
    for (const [key, source] of this.parsed) if (!kept.has(source)) this.parsed.delete(key);
  }
}
