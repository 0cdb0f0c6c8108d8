/**
 * A zip bomb stops here, before a spreadsheet library inflates anything: a small reader of the zip's central
 * directory (APPNOTE.TXT 4.3.12, 4.3.16) checks the entry count and each entry's declared uncompressed size
 * against bounds, then inflates each entry with Node's zlib capped at its declared size, so an entry that
 * lies about its size is caught too. Zip64 archives, encrypted entries and methods other than stored and
 * deflate are refused: no spreadsheet needs them.
 */
import { inflateRawSync } from "node:zlib";

export const ZIP_LIMITS = {
  entries: 2_000,
  /** Bytes one entry may inflate to. */
  entryBytes: 64 * 1024 * 1024,
  /** Bytes all entries together may inflate to. */
  totalBytes: 96 * 1024 * 1024,
} as const;

/** Why the archive was refused, in a sentence; undefined when it is within bounds. */
export function zipProblem(bytes: Uint8Array, limits = ZIP_LIMITS): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end < 0) return "is not a zip archive (an .xlsx file is one)";
  const count = u16(end + 10);
  const directoryOffset = u32(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff)
    return "is a zip64 archive; save it as a plain .xlsx";
  if (count > limits.entries) return `holds ${count} zip entries, more than the ${limits.entries} read`;
  let at = directoryOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return "has a broken zip directory";
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const compressed = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = u32(at + 42);
    at = next;
    if (flags & 1) return `zip entry ${name} is encrypted`;
    if (size > limits.entryBytes)
      return `zip entry ${name} would inflate to ${size} bytes, more than ${limits.entryBytes}`;
    total += size;
    if (total > limits.totalBytes)
      return `the zip entries would inflate to more than ${limits.totalBytes} bytes`;
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) return `zip entry ${name} is missing`;
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const data = bytes.subarray(start, start + compressed);
    if (method === 0) {
      if (compressed !== size) return `zip entry ${name} is stored with two sizes`;
    } else if (method === 8) {
      try {
        const out = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
        if (out.length !== size) return `zip entry ${name} does not inflate to the size it declares`;
      } catch {
        return `zip entry ${name} inflates to more than it declares, or is broken`;
      }
    } else return `zip entry ${name} uses compression method ${method}`;
  }
  return undefined;
}
