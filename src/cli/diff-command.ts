import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { diffFrameworks, type FrameworkDiff, renamesReferences } from "../core/framework-diff.js";
import { indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { type DiffSide, withoutShared } from "../load/diff-sides.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { GitReadError, gitFileSystem, parseGitSide } from "../load/git-file-system.js";
import { loadFramework } from "../load/load-framework.js";
import { ParseCache } from "../load/yaml-source.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { affectedMarkdown, affectedText, diffMarkdown, diffText } from "./diff-render.js";
import { colours, styleFor } from "./format-diagnostics.js";

export interface DiffCommandOptions {
  format: "text" | "markdown" | "json" | "html";
  exitCode?: boolean;
  /** Count whom the change touches in this database (people and open assessments, never names). */
  db?: string;
}

/** Where one side's files are: a folder or file on disk, or `git:REF[:PATH]` read from the repository. */
async function sideOf(side: string, io: CliIo): Promise<DiffSide & { ref?: string }> {
  const git = parseGitSide(side);
  if (!git) return { fs: nodeFileSystem, path: resolve(io.cwd, side), readBytes: (path) => readFile(path) };
  try {
    const found = await gitFileSystem(io.cwd, git.ref, git.path);
    return { fs: found.fs, path: found.root, ref: git.ref };
  } catch (error) {
    if (error instanceof GitReadError) throw new UsageError(`${side}: ${error.message}`);
    throw error;
  }
}

/**
 * Loads one side. Sides loaded with one `parsed` parse each file whose text they share once; with a quick
 * one (`new ParseCache(true)`), a side with errors is loaded again the full way (from `whole`, when the side
 * leaves files out) for the located message.
 */
async function loadFrom(
  label: string,
  side: DiffSide & { ref?: string },
  io: CliIo,
  parsed?: ParseCache,
  whole = side,
): Promise<Framework> {
  // the diff prints no version identity: its content hash would be half a second of a large framework
  const loaded = await loadFramework(side.path, side.fs, { version: false, ...(parsed ? { parsed } : {}) });
  const error = loaded.diagnostics.find((d) => d.severity === "error");
  if ((!loaded.framework || error) && parsed?.quick) return loadFrom(label, whole, io);
  if (!loaded.framework || error) {
    const where = error
      ? `${side.ref ? `git:${side.ref}:` : ""}${error.file}:${error.line}:${error.column}: `
      : "";
    throw new UsageError(
      `cannot diff ${label}: ${where}${error?.message ?? "no framework"} (run \`rungs check\` on it for every problem)`,
    );
  }
  return loaded.framework;
}

/** Loads one side: a folder or file on disk, or `git:REF[:PATH]` read from the repository. */
export async function loadSide(side: string, io: CliIo): Promise<Framework> {
  return loadFrom(side, await sideOf(side, io), io);
}

/**
 * The structural diff of two sides: of the files they do not share when that is the diff of the whole
 * (src/load/diff-sides.ts), else of everything; each file read quickly where it can be.
 */
async function diffSides(
  before: string,
  after: string,
  io: CliIo,
): Promise<{ old: Framework; diff: FrameworkDiff }> {
  const whole = { before: await sideOf(before, io), after: await sideOf(after, io) };
  const parsed = new ParseCache(true);
  const diffOf = async (sides: typeof whole) => {
    const old = await loadFrom(before, sides.before, io, parsed, whole.before);
    const next = await loadFrom(after, sides.after, io, parsed, whole.after);
    return { old, diff: diffFrameworks(indexFramework(old), indexFramework(next)) };
  };
  const lean = await withoutShared(whole.before, whole.after);
  const part =
    lean &&
    (await diffOf({ before: { ...whole.before, ...lean.before }, after: { ...whole.after, ...lean.after } }));
  return part && !renamesReferences(part.diff) ? part : diffOf(whole);
}

/** `rungs diff OLD NEW`: what changed between two versions of a framework. */
export async function diffCommand(
  before: string,
  after: string,
  options: DiffCommandOptions,
  io: CliIo,
): Promise<number> {
  const { old, diff } = await diffSides(before, after, io);
  // the database drivers and the page components are loaded only by the diffs that use them
  const affected =
    options.db !== undefined
      ? await (await import("./diff-affected.js")).affectedIn(diff, old.id, options.db, io)
      : undefined;
  if (options.format === "json") {
    print(
      io.stdout,
      `${JSON.stringify({ before, after, ...diff, ...(affected ? { affected } : {}) }, null, 2)}\n`,
    );
  } else if (options.format === "html") {
    const { diffHtmlDocument } = await import("../web/components/framework-diff.js");
    print(io.stdout, diffHtmlDocument(diff, before, after));
  } else if (options.format === "markdown") {
    print(io.stdout, diffMarkdown(diff, `Framework changes: ${before} → ${after}`));
    if (affected) print(io.stdout, `\n${affectedMarkdown(affected)}`);
  } else {
    const style = styleFor(io.stdout, io.env);
    io.stdout.write(diffText(diff, style, style === colours));
    if (affected) io.stdout.write(affectedText(affected));
  }
  return options.exitCode && diff.changes.length > 0 ? EXIT.errors : EXIT.ok;
}
