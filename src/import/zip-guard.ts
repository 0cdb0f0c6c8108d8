/**
 * A zip bomb stops here, before a spreadsheet library inflates anything: a small reader of the zip's central
 * directory (APPNOTE.TXT 4.3.12, 4.3.16) checks the entry count and each entry's declared uncompressed size
 * against bounds, then inflates each entry with Node's zlib capped at its declared size, so an entry that
 * lies about its size is caught too. Zip64 archives, encrypted entries and methods other than stored and
 * deflate are refused: no spreadsheet needs them. So is an XML part with a document type declaration: that is
 * where entities are declared (the "billion laughs" bomb), and rungs expands none, so the sheet could not be read.
 */
import { inflateRawSync } from "node:zlib";

export const ZIP_LIMITS = {
  entries: 2_000,
  /** Bytes one entry may inflate to. */
  entryBytes: 64 * 1024 * 1024,
  /** Bytes all entries together may inflate to. */
  totalBytes: 96 * 1024 * 1024,
} as const;

/** Why an archive was refused, in a sentence, and the entry (with line and column) when one part is to blame. */
export interface ZipProblem {
  message: string;
  entry?: { name: string; line: number; column: number };
}

/** Why the archive was refused; undefined when it is within bounds. */
export function zipProblem(bytes: Uint8Array, limits = ZIP_LIMITS): ZipProblem | undefined {
  const found = archiveProblem(bytes, limits);
  return typeof found === "string" ? { message: found } : found;
}

function archiveProblem(bytes: Uint8Array, limits: typeof ZIP_LIMITS): string | ZipProblem | undefined {
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
    let content: Uint8Array;
    if (method === 0) {
      if (compressed !== size) return `zip entry ${name} is stored with two sizes`;
      content = data;
    } else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
      } catch {
        return `zip entry ${name} inflates to more than it declares, or is broken`;
      }
      if (content.length !== size) return `zip entry ${name} does not inflate to the size it declares`;
    } else return `zip entry ${name} uses compression method ${method}`;
    const declared = doctypeAt(content);
    if (declared) {
      return {
        message:
          "declares XML entities (a DOCTYPE), which rungs does not expand: save the workbook again from a spreadsheet program",
        entry: { name, ...declared },
      };
    }
  }
  return undefined;
}

const DOCTYPE = Buffer.from("<!DOCTYPE");

/** Line and column (from 1, in bytes) of an XML part's document type declaration, if it has one. */
function doctypeAt(content: Uint8Array): { line: number; column: number } | undefined {
  const at = Buffer.from(content.buffer, content.byteOffset, content.byteLength).indexOf(DOCTYPE);
  if (at < 0) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++)
    if (content[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: at - lineStart + 1 };
}
