import { resolve } from "node:path";
import { indexFramework } from "../core/model.js";
import { checkOccupationCode } from "../core/occupations.js";
import { didYouMean } from "../core/text.js";
import { ladderText, levelText, roleText } from "../core/text-view.js";
import { versionLine } from "../core/version.js";
import { nodeGit } from "../load/framework-version.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { type CliIo, EXIT, loadCatalog, print, UsageError } from "./context.js";

export async function showCommand(
  path: string,
  options: { level?: string; role?: string },
  io: CliIo,
): Promise<number> {
  const loaded = await loadFramework(resolve(io.cwd, path), nodeFileSystem, { git: nodeGit });
  if (!loaded.framework) {
    const first = loaded.diagnostics[0];
    throw new UsageError(
      `cannot load ${path}${first ? `: ${first.message}` : ""} (run \`rungs check ${path}\` for every problem)`,
    );
  }
  const errors = loaded.diagnostics.filter((d) => d.severity === "error").length;
  if (errors > 0) {
    print(
      io.stderr,
      `rungs: ${path} has ${errors} error${errors === 1 ? "" : "s"}; showing what could be read (run \`rungs check ${path}\`)\n`,
    );
  }
  const index = indexFramework(loaded.framework);
  if (options.level !== undefined && options.role !== undefined) {
    throw new UsageError("give --level or --role, not both");
  }
  if (options.role !== undefined) {
    if (!index.roles.has(options.role)) {
      const hint =
        didYouMean(options.role, index.roles.keys()) ??
        `roles: ${[...index.roles.keys()].join(", ") || "none"}`;
      throw new UsageError(`no role "${options.role}" in ${path}; ${hint}`);
    }
    const occupations = await loadCatalog(io);
    print(
      io.stdout,
      roleText(index, options.role, (scheme, code) => checkOccupationCode(scheme, code, occupations).title),
    );
  } else if (options.level !== undefined) {
    if (!index.levels.has(options.level)) {
      const hint =
        didYouMean(options.level, index.levels.keys()) ?? `levels: ${[...index.levels.keys()].join(", ")}`;
      throw new UsageError(`no level "${options.level}" in ${path}; ${hint}`);
    }
    print(io.stdout, levelText(index, options.level));
  } else {
    print(io.stdout, ladderText(index));
    if (loaded.version) print(io.stdout, `\nVersion: ${versionLine(loaded.version)}\n`);
  }
  return EXIT.ok;
}
