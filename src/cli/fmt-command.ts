import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { escapeControl } from "../core/text.js";
import { formatFrameworkText } from "../load/format-framework.js";
import { nodeFileSystem } from "../load/fs-port.js";
import { DEFAULT_LOAD_LIMITS } from "../load/limits.js";
import { displayPath } from "../load/load-framework.js";
import { listYamlFiles, YAML_FILE } from "../load/yaml-files.js";
import { type CliIo, EXIT, print, UsageError } from "./context.js";

/**
 * `rungs fmt [paths] [--check]`: rewrites framework files into the canonical layout
 * (src/load/format-framework.ts); with `--check` writes nothing and exits 1 listing the files that would change.
 */
export async function fmtCommand(paths: string[], options: { check?: boolean }, io: CliIo): Promise<number> {
  const files: string[] = [];
  for (const path of paths.length ? paths : ["."]) {
    const full = resolve(io.cwd, path);
    const info = await nodeFileSystem.stat(full);
    if (!info) throw new UsageError(`${path}: no such file or directory`);
    if (!info.isDirectory) {
      if (!YAML_FILE.test(full)) throw new UsageError(`${path}: not a framework file (.yaml or .yml)`);
      files.push(full);
      continue;
    }
    const found = (await listYamlFiles(full, nodeFileSystem, DEFAULT_LOAD_LIMITS)).files;
    if (found.length === 0) throw new UsageError(`${path}: no .yaml or .yml files in this directory`);
    files.push(...found.map((f) => f.path));
  }
  const shown = (file: string) => escapeControl(displayPath(file, io.cwd));
  const changed: string[] = [];
  let broken = 0;
  for (const file of files) {
    const info = await nodeFileSystem.stat(file);
    if (info && info.size > DEFAULT_LOAD_LIMITS.fileBytes) {
      print(io.stderr, `rungs: ${shown(file)}: too large to format\n`);
      broken++;
      continue;
    }
    const text = await nodeFileSystem.readFile(file);
    const result = formatFrameworkText(text);
    if (!result.ok) {
      print(
        io.stderr,
        `rungs: ${shown(file)}:${result.line}:${result.column}: ${escapeControl(result.message)}\n`,
      );
      broken++;
      continue;
    }
    if (result.text === text) continue;
    changed.push(file);
    if (options.check) print(io.stdout, `would reformat  ${shown(file)}\n`);
    else {
      await writeFile(file, result.text);
      print(io.stdout, `reformatted  ${shown(file)}\n`);
    }
  }
  if (broken > 0) return EXIT.usage;
  return options.check && changed.length > 0 ? EXIT.errors : EXIT.ok;
}
