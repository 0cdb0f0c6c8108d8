/**
 * The Node.js versions rungs runs on, checked before anything else loads: on an older Node the first
 * import of `node:sqlite` (or of a method it lacks) would end in a stack trace instead of a sentence.
 *
 * 22.16 is the first 22.x whose built-in SQLite has `StatementSync#columns()`, which the store needs to tell
 * statements that return rows from those that do not (src/store/node-sqlite.ts). Node 23 is past its end of
 * life. Keep in step with `engines` in package.json (a test compares them).
 */
export const SUPPORTED_NODE = { oldest22: [22, 16], fromMajor: 24 } as const;

/** The `engines.node` range that says the same as SUPPORTED_NODE. */
export const SUPPORTED_NODE_RANGE = `^${SUPPORTED_NODE.oldest22.join(".")}.0 || >=${SUPPORTED_NODE.fromMajor}`;

/** Why `version` (as in `process.versions.node`, e.g. "22.15.1") cannot run rungs, or undefined if it can. */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split(".").map((part) => Number.parseInt(part, 10));
  const [oldestMajor, oldestMinor] = SUPPORTED_NODE.oldest22;
  if (major >= SUPPORTED_NODE.fromMajor || (major === oldestMajor && minor >= oldestMinor)) return undefined;
  return (
    `rungs needs Node.js ${SUPPORTED_NODE.fromMajor} LTS (or ${oldestMajor}.${oldestMinor} or newer in ${oldestMajor}.x); ` +
    `this is Node.js ${version}. The README's "Prerequisites" says how to install it.`
  );
}
