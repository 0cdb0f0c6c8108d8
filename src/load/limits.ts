/**
 * The bounds every framework is held to before and while it is read, so a hostile or broken file costs a
 * located diagnostic instead of minutes, gigabytes or a crashed process (issue 12). Documented in
 * docs/security.md and docs/format.md; each diagnostic that enforces one names it.
 */
export interface LoadLimits {
  /** Bytes in one file. */
  fileBytes: number;
  /** Bytes in all the files of one framework together. */
  frameworkBytes: number;
  /** YAML files in one framework directory, sub-directories included. */
  files: number;
  /** Folders in one framework directory, itself included (a walk of 100,000 empty folders took seconds). */
  folders: number;
  /**
   * Entries in one file: `key: value` pairs and list items (each flow collection's bracket counts as its
   * first). The full YAML parser costs about 1 s of CPU per 100,000; a 5 MiB file of 450,000 cost 5-6 s.
   */
  entries: number;
  /** Mappings and lists nested inside each other, aliases included (`a: 1` is 1 deep). */
  depth: number;
  /** Aliases (`*name`) read in one file, each use counted, uses inside what another alias copies too. */
  aliases: number;
  /** What aliases copy in one file: one for each value plus the characters of each text. */
  aliasedSize: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  fileBytes: 5 * MiB,
  frameworkBytes: 50 * MiB,
  files: 10_000,
  folders: 10_000,
  // a generated framework of 4,000 competencies in one file holds about 110,000; real files a few thousand
  entries: 150_000,
  // The format itself needs 8 (root → areas → area → competencies → competency → expectations → level →
  // ratings); the YAML parser and every recursive walk stay far from the stack's end below 64.
  depth: 64,
  aliases: 10_000,
  // As much as a small framework written out by hand; a 373-byte "billion laughs" file asks for ~10⁹.
  aliasedSize: 1_000_000,
});

/**
 * A byte count as people read it: `5 MiB`, `6.2 MiB`, `812 KiB`, `17 bytes`. Rounded up, so a size just over
 * a limit never reads as the limit itself.
 */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${trim(bytes / MiB)} MiB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} KiB`;
  return `${bytes} byte${bytes === 1 ? "" : "s"}`;
}

function trim(n: number): string {
  return (Math.ceil(n * 10) / 10).toString();
}
