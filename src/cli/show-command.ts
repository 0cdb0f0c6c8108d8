import { resolve } from "node:path";
import { indexFramework } from "../core/model.js";
import { didYouMean } from "../core/text.js";
import { ladderText, levelText } from "../core/text-view.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadFramework } from "../load/load-framework.js";
import { type CliIo, EXIT, UsageError } from "./program.js";

export async function showCommand(path: string, options: { level?: string }, io: CliIo): Promise<number> {
  const loaded = await loadFramework(resolve(io.cwd, path), nodeFileSystem);
  if (!loaded.framework) {
    const first = loaded.diagnostics[0];
    throw new UsageError(
      `cannot load ${path}${first ? `: ${first.message}` : ""} (run \`rungs check ${path}\` for every problem)`,
    );
  }
  const index = indexFramework(loaded.framework);
  if (options.level !== undefined) {
    if (!index.levels.has(options.level)) {
      const hint =
        didYouMean(options.level, index.levels.keys()) ?? `levels: ${[...index.levels.keys()].join(", ")}`;
      throw new UsageError(`no level "${options.level}" in ${path}; ${hint}`);
    }
    io.stdout.write(levelText(index, options.level));
  } else {
    io.stdout.write(ladderText(index));
  }
  return EXIT.ok;
}
