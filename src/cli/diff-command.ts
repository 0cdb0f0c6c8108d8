import { resolve } from "node:path";
import { type Affected, affectedBy } from "../core/affected.js";
import { diffFrameworks, type FrameworkDiff } from "../core/framework-diff.js";
import { indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { type FileSystemPort, nodeFileSystem } from "../load/fs-port.js";
import { GitReadError, gitFileSystem, parseGitSide } from "../load/git-file-system.js";
import { loadFramework } from "../load/load-framework.js";
import { ParseCache } from "../load/yaml-source.js";
import { affectedCounts } from "../store/affected.js";
import { migrate } from "../store/migrations.js";
import { diffHtmlDocument } from "../web/components/framework-diff.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { databaseTarget, openCliDatabase, targetExists } from "./database.js";
import { affectedMarkdown, affectedText, diffMarkdown, diffText } from "./diff-render.js";
import { colours, styleFor } from "./format-diagnostics.js";

export interface DiffCommandOptions {
  format: "text" | "markdown" | "json" | "html";
  exitCode?: boolean;
  /** Count whom the change touches in this database (people and open assessments, never names). */
  db?: string;
}

/** The counts of people and open assessments the diff touches, from the database `--db` names. */
async function affectedIn(diff: FrameworkDiff, framework: string, db: string, io: CliIo): Promise<Affected> {
  const target = databaseTarget({ db }, io);
  // a diff only reads: a SQLite file that is not there would be created empty, and then read as no one
  if (!targetExists(target)) throw new UsageError(`--db: there is no database at ${target.label}`);
  const { database } = await openCliDatabase({ db }, io, { migrate: false });
  try {
    // nor does it change the schema: a database behind this version of rungs is named, not queried
    const pending = await migrate(database, { dryRun: true });
    if (pending.length > 0) {
      throw new UsageError(
        `--db: the database (${target.label}) is not up to date: ${pending.length} migration${pending.length === 1 ? "" : "s"} pending; run \`rungs migrate\` with the same --db first`,
      );
    }
    return affectedBy(diff, await affectedCounts(database, framework));
  } finally {
    await database.close();
  }
}

/**
 * Loads one side: a folder or file on disk, or `git:REF[:PATH]` read from the repository. Sides loaded with
 * one `parsed` parse each file whose text they share once; with a quick one (`new ParseCache(true)`), a side
 * with errors is loaded again the full way, for the located message.
 */
export async function loadSide(side: string, io: CliIo, parsed?: ParseCache): Promise<Framework> {
  let fs: FileSystemPort = nodeFileSystem;
  let path = resolve(io.cwd, side);
  const git = parseGitSide(side);
  if (git) {
    try {
      const found = await gitFileSystem(io.cwd, git.ref, git.path);
      fs = found.fs;
      path = found.root;
    } catch (error) {
      if (error instanceof GitReadError) throw new UsageError(`${side}: ${error.message}`);
      throw error;
    }
  }
  // the diff prints no version identity: its content hash would be half a second of a large framework
  const loaded = await loadFramework(path, fs, { version: false, ...(parsed ? { parsed } : {}) });
  const error = loaded.diagnostics.find((d) => d.severity === "error");
  if ((!loaded.framework || error) && parsed?.quick) return loadSide(side, io);
  if (!loaded.framework || error) {
    const where = error ? `${git ? `git:${git.ref}:` : ""}${error.file}:${error.line}:${error.column}: ` : "";
    throw new UsageError(
      `cannot diff ${side}: ${where}${error?.message ?? "no framework"} (run \`rungs check\` on it for every problem)`,
    );
  }
  return loaded.framework;
}

/** `rungs diff OLD NEW`: what changed between two versions of a framework. */
export async function diffCommand(
  before: string,
  after: string,
  options: DiffCommandOptions,
  io: CliIo,
): Promise<number> {
  const parsed = new ParseCache(true);
  const old = await loadSide(before, io, parsed);
  const diff: FrameworkDiff = diffFrameworks(
    indexFramework(old),
    indexFramework(await loadSide(after, io, parsed)),
  );
  const affected = options.db !== undefined ? await affectedIn(diff, old.id, options.db, io) : undefined;
  if (options.format === "json") {
    print(
      io.stdout,
      `${JSON.stringify({ before, after, ...diff, ...(affected ? { affected } : {}) }, null, 2)}\n`,
    );
  } else if (options.format === "html") {
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
