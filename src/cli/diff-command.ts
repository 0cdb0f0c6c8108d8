import { resolve } from "node:path";
import type { FrameworkDiff } from "../core/framework-diff.js";
import type { Framework } from "../core/schema.js";
import { type DiffSide, diffAgainst, diffVersions, diskSide } from "../load/diff-sides.js";
import { GitReadError, gitFileSystem, parseGitSide } from "../load/git-file-system.js";
import type { ParseCache } from "../load/parse-cache.js";
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
  if (!git) return diskSide(resolve(io.cwd, side));
  try {
    const found = await gitFileSystem(io.cwd, git.ref, git.path);
    return { fs: found.fs, path: found.root, ref: git.ref };
  } catch (error) {
    if (error instanceof GitReadError) throw new UsageError(`${side}: ${error.message}`);
    throw error;
  }
}

/**
 * The structural diff of two sides (src/load/diff-sides.ts: the files they share are left out, the rest read
 * quickly), or of one side against a version already loaded (`against`: `rungs review`, which checked it); a
 * side that cannot be loaded is a usage error naming its first problem.
 */
export async function diffSides(
  before: string,
  after: string,
  io: CliIo,
  against?: { next: Framework; parsed: ParseCache },
): Promise<{ old: Framework; diff: FrameworkDiff }> {
  const sides = { before: await sideOf(before, io), after: against ? undefined : await sideOf(after, io) };
  const result = against
    ? await diffAgainst(sides.before, against.next, against.parsed)
    : await diffVersions(sides.before, sides.after as DiffSide);
  if (result.ok) return result;
  const { error } = result;
  const ref = sides[result.side]?.ref;
  const given = result.side === "before" ? before : after;
  // a side that cannot be read at all is named once, not again as the place of its error
  const atGiven =
    !ref && error?.code === "read-error" && resolve(io.cwd, error.file) === resolve(io.cwd, given);
  const where =
    error && !atGiven ? `${ref ? `git:${ref}:` : ""}${error.file}:${error.line}:${error.column}: ` : "";
  throw new UsageError(
    `cannot diff ${given}: ${where}${error?.message ?? "no framework"} (run \`rungs check\` on it for every problem)`,
  );
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
