/**
 * rungs as a library: load and check frameworks, read them through the index, and render the web app.
 * Small on purpose; everything else is internal.
 */

/** One diagnostic: code, severity, message, file, line, column, path and an optional hint. */
export type { Diagnostic, Location, Severity } from "./core/diagnostics.js";
/** The JSON Schema of framework files. */
export { frameworkJsonSchema } from "./core/json-schema.js";
/** Lint a loaded framework. */
export { lintFramework } from "./core/lint.js";
/** The lint rules with their codes, default severities and docs. */
export { LINT_RULES } from "./core/lint-rules.js";
/** The indexed framework: entities by id, the level graph and a stable level order. */
export { type FrameworkIndex, indexFramework } from "./core/model.js";
/** The file format's types and version. */
export {
  type Area,
  type Competency,
  FORMAT_VERSION,
  type Framework,
  type Level,
  type Role,
} from "./core/schema.js";
/** Read files through any file system (the real one, or in memory). */
export { type FileSystemPort, memoryFileSystem, nodeFileSystem, type PathInfo } from "./load/fs-port.js";
/** The bounds every framework is read within (docs/security.md); `loadFramework` takes others. */
export { DEFAULT_LOAD_LIMITS, type LoadLimits } from "./load/limits.js";
/** Load a framework from a file or directory; load and lint it. */
export {
  type CheckResult,
  checkFramework,
  type LoadOptions,
  type LoadResult,
  loadFramework,
} from "./load/load-framework.js";
/** The bundled SOC 2018 list (and scheme lists), for checking classification codes. */
export { loadOccupations } from "./load/occupations.js";
export { FrameworkRegistry } from "./load/registry.js";
/** The web app over a set of frameworks (a Hono app: `app.fetch` serves requests). */
export { createApp } from "./web/app.js";
