/**
 * The `yaml` package, loaded the first time something asks for it. A check of clean files never does: they
 * are read by the quick reader (yaml-quick.ts), and the full parser is needed only for a file outside its
 * subset or with something to locate. Loading it costs `rungs check` a few milliseconds of its start-up.
 *
 * Every module of rungs takes the package from here (types may still be imported from "yaml"), so the
 * built command holds one copy of it. It is required rather than imported because its callers are
 * synchronous (a diagnostic is located while a rule runs). The built command (scripts/build-cli.ts) bundles
 * the package into a file of its own beside its chunks and names it in YAML_BUNDLE; run from the sources
 * or the library, the package is required from node_modules.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

/** Set by the CLI's build (esbuild's `define`) to the bundled package's path, relative to its chunks. */
declare const YAML_BUNDLE: string | undefined;

let library: typeof Yaml | undefined;

export function yamlLibrary(): typeof Yaml {
  library ??= createRequire(import.meta.url)(
    typeof YAML_BUNDLE === "string" ? YAML_BUNDLE : "yaml",
  ) as typeof Yaml;
  return library;
}
