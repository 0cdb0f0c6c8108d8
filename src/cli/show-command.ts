import { checkOccupationCode } from "../core/occupations.js";
import { ladderText, levelText, roleText } from "../core/text-view.js";
import { versionLine } from "../core/version.js";
import { findLevel, findRole } from "../services/frameworks.js";
import { type CliIo, EXIT, loadCatalog, print, UsageError } from "./context.js";
import { mustFind, readForCommand } from "./load-indexes.js";

export async function showCommand(
  path: string,
  options: { level?: string; role?: string },
  io: CliIo,
): Promise<number> {
  const { index, version } = await readForCommand(path, io, {
    doing: "showing what could be read",
    commit: true,
  });
  if (options.level !== undefined && options.role !== undefined) {
    throw new UsageError("give --level or --role, not both");
  }
  if (options.role !== undefined) {
    mustFind(findRole(index, options.role), `in ${path}`);
    const occupations = await loadCatalog(io);
    print(
      io.stdout,
      roleText(index, options.role, (scheme, code) => checkOccupationCode(scheme, code, occupations).title),
    );
  } else if (options.level !== undefined) {
    mustFind(findLevel(index, options.level), `in ${path}`);
    print(io.stdout, levelText(index, options.level));
  } else {
    print(io.stdout, ladderText(index));
    if (version) print(io.stdout, `\nVersion: ${versionLine(version)}\n`);
  }
  return EXIT.ok;
}
