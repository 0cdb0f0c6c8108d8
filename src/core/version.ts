/**
 * A framework version's identity: the hash of its canonical content (the same framework loaded from any
 * layout of files, in any key order, hashes the same), the human `version:` its root file may give, and the
 * git commit its files were last changed in when they live in a repository. Core only describes and
 * serializes; the hash itself and git are computed in load (src/load/framework-version.ts).
 */

export interface FrameworkVersion {
  /** `sha256:` and 64 hex digits of the framework's canonical content. */
  hash: string;
  /** The root file's `version:`, e.g. "2027.1". */
  version?: string;
  /** The last commit that changed the framework's files, when they are in a git repository. */
  commit?: string;
  /** True when the files differ from that commit (uncommitted changes). */
  dirty?: boolean;
}

/**
 * JSON with every object's keys sorted and `undefined` members left out, so that two frameworks with the
 * same content serialize to the same text however their files were laid out. Arrays keep their order: the
 * order of levels, competencies and criteria is content.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  writeCanonical(value, out);
  return out.join("");
}

/** canonicalJson's pieces, pushed in order (one join at the end: a large framework has millions). */
function writeCanonical(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(JSON.stringify(value));
  else if (value === null || typeof value !== "object") out.push(JSON.stringify(value) ?? "null");
  else if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i) out.push(",");
      writeCanonical(value[i], out);
    }
    out.push("]");
  } else {
    const record = value as Record<string, unknown>;
    out.push("{");
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      out.push(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      writeCanonical(member, out);
    }
    out.push("}");
  }
}

/** One line for people: `2027.1 · sha256:0123456789ab · commit 89abcdef0123 (modified)`. */
export function versionLine(version: FrameworkVersion): string {
  const parts = [
    ...(version.version !== undefined ? [version.version] : []),
    version.hash.slice(0, "sha256:".length + 12),
    ...(version.commit !== undefined
      ? [`commit ${version.commit.slice(0, 12)}${version.dirty ? " (modified)" : ""}`]
      : []),
  ];
  return parts.join(" · ");
}
