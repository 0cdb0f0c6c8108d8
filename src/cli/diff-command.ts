import { resolve } from "node:path";
import { diffFrameworks, type FrameworkDiff } from "../core/framework-diff.js";
import { indexFramework } from "../core/model.js";
import type { Framework } from "../core/schema.js";
import { type FileSystemPort, nodeFileSystem } from "../load/fs-port.js";
import { GitReadError, gitFileSystem, parseGitSide } from "../load/git-file-system.js";
import { loadFramework } from "../load/load-framework.js";
import { diffHtmlDocument } from "../web/components/framework-diff.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";
import { diffMarkdown, diffText } from "./diff-render.js";
import { colours, styleFor } from "./format-diagnostics.js";

export interface DiffCommandOptions {
  format: "text" | "markdown" | "json" | "html";
  exitCode?: boolean;
}

/** Loads one side: a folder or file on disk, or `git:REF[:PATH]` read from the repository. */
export async function loadSide(side: string, io: CliIo): Promise<Framework> {
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
  const loaded = await loadFramework(path, fs);
  const error = loaded.diagnostics.find((d) => d.severity === "error");
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
  const diff: FrameworkDiff = diffFrameworks(
    indexFramework(await loadSide(before, io)),
    indexFramework(await loadSide(after, io)),
  );
  if (options.format === "json") {
    print(io.stdout, `${JSON.stringify({ before, after, ...diff }, null, 2)}\n`);
  } else if (options.format === "html") {
    print(io.stdout, diffHtmlDocument(diff, before, after));
  } else if (options.format === "markdown") {
    print(io.stdout, diffMarkdown(diff, `Framework changes: ${before} → ${after}`));
  } else {
    const style = styleFor(io.stdout, io.env);
    io.stdout.write(diffText(diff, style, style === colours));
  }
  return options.exitCode && diff.changes.length > 0 ? EXIT.errors : EXIT.ok;
}
