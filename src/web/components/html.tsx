/**
 * A page as a Response, with the account part of its header filled in per request: pages are rendered once
 * (and cached per framework version) with a slot where the visitor's own sign-in links go.
 *
 * A page is written into one buffer of UTF-8 bytes, once: the page cache keeps those bytes, and validators
 * and compression read them, so no page is encoded twice. Its large blocks (a matrix's rows) never become
 * part of one page-sized string: they are left out of the rendered string as markers (`PageBlocks`) and
 * written into the buffer piece by piece. One page-sized string would be copied whole to flatten it (and
 * at twice its size, as any character of the layout outside Latin-1, such as “…”, makes it a 2-byte string)
 * before it could be encoded, which cost more than rendering it.
 */
import { createHash, hash } from "node:crypto";
import type { JSX } from "hono/jsx/jsx-runtime";
import type { AppContext, PageBytes } from "../context.js";
import { paths } from "../links.js";
import {
  ACCOUNT_SLOT,
  AccountContext,
  type AccountHeader,
  AccountNav,
  BLOCK_MARKER,
  type BlockPiece,
  BlocksContext,
  PageBlocks,
  VersionContext,
} from "./page.js";

/**
 * A page as a Response. Pages are synchronous components, so rendering gives a string at once; keeping it
 * synchronous lets route helpers return either a page or data without awaiting.
 */
export function html(
  c: AppContext,
  node: JSX.Element,
  status: 200 | 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503 = 200,
): Response {
  const accounts = Boolean(c.get("auth"));
  const blocks = new PageBlocks();
  const versioned = (
    <VersionContext.Provider value={c.get("frameworkVersion")}>
      <BlocksContext.Provider value={blocks}>{node}</BlocksContext.Provider>
    </VersionContext.Provider>
  );
  const shell = (
    accounts ? <AccountContext.Provider value={true}>{versioned}</AccountContext.Provider> : versioned
  ).toString();
  if (typeof shell !== "string") throw new Error("pages must render synchronously");
  const page = pageBytes(shell, blocks, () => accountNav(c));
  c.set("page", page);
  return c.body(page.bytes, status, { "Content-Type": "text/html; charset=utf-8" });
}

/** Splits a rendered shell at its block markers: text, then a block's index, then text, and so on. */
const MARKERS = new RegExp(`${BLOCK_MARKER}(\\d+)-->`);

/**
 * The page's bytes: the shell's text with each block's pieces where its marker is, and the account part
 * (`nav()`, asked only when the page has a slot) in the slot. Sized first, then written into one buffer.
 */
export function pageBytes(shell: string, blocks: PageBlocks, nav: () => string): PageBytes {
  const at = shell.indexOf(ACCOUNT_SLOT);
  const filled = at < 0 ? "" : nav();
  const parts: (string | readonly BlockPiece[])[] = [];
  let slotPart = -1;
  const addText = (text: string) => {
    if (blocks.size === 0) parts.push(text);
    else
      for (const [i, part] of text.split(MARKERS).entries())
        parts.push(i % 2 === 0 ? part : blocks.get(Number(part)));
  };
  if (at < 0) addText(shell);
  else {
    addText(shell.slice(0, at));
    slotPart = parts.length;
    parts.push(filled);
    addText(shell.slice(at + ACCOUNT_SLOT.length));
  }
  let size = 0;
  let slot: PageBytes["slot"];
  for (const [i, part] of parts.entries()) {
    if (i === slotPart) slot = { at: size, length: Buffer.byteLength(filled) };
    if (typeof part === "string") size += Buffer.byteLength(part);
    else
      for (const piece of part) size += typeof piece === "string" ? Buffer.byteLength(piece) : piece.length;
  }
  const bytes = Buffer.allocUnsafe(size);
  /** What the page is written as: its text as the offsets where each run of it ends, and its kept pieces. */
  const written: (number | Uint8Array)[] = [];
  let offset = 0;
  const text = (part: string) => {
    offset += bytes.write(part, offset, "utf8");
    if (typeof written.at(-1) === "number") written[written.length - 1] = offset;
    else written.push(offset);
  };
  for (const part of parts) {
    if (typeof part === "string") text(part);
    else
      for (const piece of part)
        if (typeof piece === "string") text(piece);
        else {
          bytes.set(piece, offset);
          offset += piece.length;
          written.push(piece);
        }
  }
  // a Buffer is plain (never shared) memory
  return { bytes: bytes as Uint8Array<ArrayBuffer>, nav: filled, slot, hash: hashLater(bytes, written) };
}

/**
 * `pageHash` of the page, when asked. Made outside `pageBytes`: a function made there would keep alive all
 * that any of its functions uses (every text of the page as rendered), as long as the page is kept.
 */
function hashLater(bytes: Buffer, written: readonly (number | Uint8Array)[]): () => string {
  return () => pageHash(bytes, written);
}

const digests = new WeakMap<Uint8Array, Buffer>();

/** A kept piece's hash: made once, however many pages and versions write the piece. */
function digestOf(piece: Uint8Array): Buffer {
  let digest = digests.get(piece);
  if (digest === undefined) {
    digest = hash("sha1", piece, "buffer");
    digests.set(piece, digest);
  }
  return digest;
}

/**
 * The page's hash (its ETag, and the key its compressed bytes are kept by): a hash of its text and of each
 * kept piece's own hash, in order, each marked as one or the other and a text with its length, so that two
 * pages hash alike only where they are written alike. The first render after a framework change writes a
 * large matrix's thousands of kept rows again: hashing the 20 bytes of each one's hash instead of its bytes
 * made that render a tenth cheaper.
 */
function pageHash(bytes: Buffer, written: readonly (number | Uint8Array)[]): string {
  const stream = createHash("sha1");
  const head = Buffer.alloc(5);
  let from = 0;
  for (const part of written) {
    if (typeof part === "number") {
      head.writeUInt8(0, 0);
      head.writeUInt32BE(part - from, 1);
      stream.update(head).update(bytes.subarray(from, part));
      from = part;
    } else {
      head.writeUInt8(1, 0);
      stream.update(head.subarray(0, 1)).update(digestOf(part));
      from += part.length;
    }
  }
  return stream.digest("base64url");
}

/** The account part of the header for this request's visitor (what fills a page's ACCOUNT_SLOT). */
export function accountNav(c: AppContext): string {
  const account = accountHeader(c);
  return account ? String(<AccountNav links={c.get("links")} account={account} />) : "";
}

/** What the header shows about signing in; nothing when the app has no store. */
function accountHeader(c: AppContext): AccountHeader | undefined {
  if (!c.get("auth")) return undefined;
  const viewer = c.get("viewer");
  if (viewer) {
    return {
      signedIn: {
        name: viewer.person.name,
        csrfToken: viewer.csrfToken,
        organization: viewer.organization,
        admin: viewer.person.admin,
      },
    };
  }
  const url = new URL(c.req.url);
  const onTheWayIn = /^\/(sign-in|setup\/|reset\/)/.test(url.pathname);
  return onTheWayIn ? {} : { signInHref: paths.signIn(`${url.pathname}${url.search}`) };
}
