/**
 * Validators and compression, after a route answered:
 * - an ETag (and 304 for a matching If-None-Match) only for what may be shared: an answer marked private or
 *   no-store, or one that sets a cookie, is someone's own and is neither hashed nor kept;
 * - brotli or gzip by Accept-Encoding for HTML, JSON, CSS, JS, SVG and the search index, with
 *   `Vary: Accept-Encoding`; each encoding is its own representation with its own ETag (`"<hash>-br"`).
 * Shared answers are the same bytes for everyone until the frameworks change (the page cache renders them
 * once per version), so their compressed bytes are kept by hash and compressed once per version.
 * - the answers to anonymous GETs of what the page cache keeps are kept whole, as sent (headers, encoded
 *   bytes, ETag), by URL, encoding and the request's variant, and sent again before any other middleware
 *   runs: for a page already rendered nothing is done per request but what depends on the request.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FrameworkRegistry } from "../../load/registry.js";
import type { App, AppContext } from "../context.js";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compressing saves less than the headers it costs. */
const MIN_BYTES = 1024;
/** The compressed shared answers kept, by bytes (the whole example site compressed is a few MiB). */
const KEPT_BYTES = 32 * 1024 * 1024;
/** The whole answers kept for anonymous GETs, by bytes (one per page and encoding). */
const ANSWERS_BYTES = 32 * 1024 * 1024;
/** Accept-Encoding values remembered with the encoding they choose (browsers send a handful). */
const ENCODINGS_KEPT = 64;
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript)|image\/svg\+xml)/;
/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5). */
const RETAINED_304 = ["cache-control", "content-location", "date", "etag", "expires", "vary"];

type Encoding = "br" | "gzip";

/**
 * `bytes` in memory of their own, for keeping. Node hands out small buffers (Buffer.allocUnsafe under 32 KiB,
 * zlib's results) as views into shared 64 KiB blocks: one kept view holds its whole block alive, and the kept
 * pages and answers of the example held 41 MB of blocks for 16 MB of bytes. One copy per version.
 */
export function owned(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

/** The best encoding the request accepts (q > 0), brotli first. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").slice(0, 512).split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wants = (name: Encoding) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  return wants("br") ? "br" : wants("gzip") ? "gzip" : undefined;
}

const chosen = new Map<string, Encoding | undefined>();

/** chooseEncoding, remembered per header value: the same few values arrive on every request. */
function encodingFor(acceptEncoding: string | undefined): Encoding | undefined {
  const header = (acceptEncoding ?? "").slice(0, 512);
  if (chosen.has(header)) return chosen.get(header);
  const encoding = chooseEncoding(header);
  if (chosen.size >= ENCODINGS_KEPT) chosen.clear();
  chosen.set(header, encoding);
  return encoding;
}

function isPrivate(res: Response): boolean {
  return res.headers.has("Set-Cookie") || /private|no-store/.test(res.headers.get("Cache-Control") ?? "");
}

/**
 * Brotli's settings for a body: a window no larger than the body (16 to 22 bits: a larger one holds memory in
 * both coder and browser for nothing), and the quality. A shared answer is compressed once per version, so
 * it gets a high quality, but brotli's qualities 7 to 9 switch to a far heavier match finder above a 64 KiB
 * window: quality 9 took 70-340 ms of CPU for any page (mostly setting it up), where 9 over a 16-bit window
 * gives the same bytes for a page up to 64 KiB in 1-4 ms, and 7 over a fitted window, for a larger page, comes
 * within 1% of them in a fifth of the time. Someone's own page is compressed per request: quality 5.
 */
export function brotliParams(bytes: number, kept: boolean): Record<number, number> {
  const window = Math.min(22, Math.max(16, Math.ceil(Math.log2(bytes))));
  const quality = !kept ? 5 : window === 16 ? 9 : 7;
  return {
    [constants.BROTLI_PARAM_QUALITY]: quality,
    [constants.BROTLI_PARAM_LGWIN]: window,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes,
  };
}

function compress(body: Uint8Array, encoding: Encoding, kept: boolean): Promise<Uint8Array> {
  if (encoding === "gzip") return gzipAsync(body);
  return brotli(body, { params: brotliParams(body.byteLength, kept) });
}

function etagMatches(etag: string, ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const strip = (t: string) => t.replace(/^W\//, "");
  return (ifNoneMatch.match(/(W\/)?"[^"]*"/g) ?? []).some((t) => strip(t) === strip(etag));
}

/** An answer as sent: what an anonymous GET got, to send again without running anything. */
interface Answer {
  etag: string;
  /** The 200 as Hono's listener sends it (middleware path) and as node:http writes it (server.ts). */
  ok: KeptReply;
  /** What a 304 in its place carries. */
  notModified: KeptReply;
}

/**
 * A request as the answers kept whole look at it, whoever received it: Hono (`app.request`, the tests) or
 * the node:http server of `rungs serve` before Hono runs at all (server.ts).
 */
export interface SharedRequest {
  method: string;
  /** The path with its query, as sent. */
  target: string;
  https: boolean;
  /** A header by its lower-case name. */
  header: (name: string) => string | undefined;
}

/**
 * Which requests may be answered from the answers kept whole: `variant(req)` names what, besides the URL and
 * Accept-Encoding, a shared answer may differ by (the scheme: HSTS goes over HTTPS only), or is undefined
 * for a request that is someone's own (a session cookie) and must run through every middleware.
 */
export type SharedVariant = (req: SharedRequest) => string | undefined;

/**
 * What to send for a request answered from the answers kept whole: a 200 with its bytes, or a 304. Made once
 * when the answer is kept, so that sending it again allocates nothing per request.
 */
export interface KeptReply {
  status: 200 | 304;
  /** Final headers, as a plain record (@hono/node-server writes it as it is, adding the Content-Length). */
  headers: Record<string, string>;
  /**
   * The same headers as node:http's flat list of names and values, a 200's Content-Length last and spelled
   * as @hono/node-server adds it: server.ts hands it to writeHead as it is, the same bytes on the wire.
   */
  raw: string[];
  body: Buffer<ArrayBuffer> | null;
}

/**
 * A reply to keep: its headers made once in both forms, and its bytes as a Buffer over the same memory (no
 * copy): node's sockets write Buffers as they are, but wrap any other Uint8Array in a new Buffer on every
 * write (~0.1 µs a write: 150-160 ns against 30-60 for a Buffer through a Writable).
 */
function keptReply(
  status: 200 | 304,
  headers: Record<string, string>,
  body: Uint8Array<ArrayBuffer> | null,
): KeptReply {
  const raw = Object.entries(headers).flat();
  if (body) raw.push("Content-Length", String(body.byteLength));
  const bytes = body && Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return { status, headers, raw, body: bytes };
}

/** Looks a request up among the answers kept whole; undefined: run the app. */
export type KeptAnswers = (req: SharedRequest) => KeptReply | undefined;

const retained304 = (headers: Headers): Record<string, string> =>
  Object.fromEntries([...headers].filter(([name]) => RETAINED_304.includes(name)));

/** Compressed shared bodies by hash and encoding, and whole answers by request: both for one version. */
class Kept {
  readonly #registry: FrameworkRegistry;
  #version: string;
  #compressed = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  #compressedBytes = 0;
  #answers = new Map<string, Answer>();
  #answersBytes = 0;

  constructor(registry: FrameworkRegistry) {
    this.#registry = registry;
    this.#version = registry.version;
  }

  /** Drops what an earlier version rendered. */
  #current(): void {
    if (this.#version === this.#registry.version) return;
    this.#compressed = new Map();
    this.#answers.clear();
    this.#compressedBytes = 0;
    this.#answersBytes = 0;
    this.#version = this.#registry.version;
  }

  answer(key: string): Answer | undefined {
    this.#current();
    return this.#answers.get(key);
  }

  /** Keeps an answer rendered at `version`, unless the frameworks changed while it was being made. */
  keepAnswer(key: string, version: string, answer: Answer): void {
    this.#current();
    const bytes = answer.ok.body?.byteLength ?? 0;
    if (version !== this.#version || this.#answersBytes + bytes > ANSWERS_BYTES) return;
    this.#answers.set(key, answer);
    this.#answersBytes += bytes;
  }

  /**
   * `body` encoded; kept by `hash` when it has one (a shared answer), compressed once per version: from
   * the moment it starts, so that the requests arriving while it is compressed (64 at once after a change)
   * wait for the one compression rather than each making its own.
   */
  async encoded(
    body: Uint8Array,
    encoding: Encoding,
    hash: string | undefined,
  ): Promise<Uint8Array<ArrayBuffer>> {
    this.#current();
    // zlib gives Buffers over ArrayBufferLike; they are plain (never shared) memory
    const compressing = (kept: boolean) => compress(body, encoding, kept) as Promise<Uint8Array<ArrayBuffer>>;
    if (!hash) return compressing(false);
    const key = `${hash}:${encoding}`;
    const hit = this.#compressed.get(key);
    if (hit) return hit;
    if (this.#compressedBytes >= KEPT_BYTES) return compressing(true);
    const pending = compressing(true).then(owned);
    const compressed = this.#compressed;
    compressed.set(key, pending);
    try {
      const out = await pending;
      // counted in the version it was made for only
      if (compressed === this.#compressed) this.#compressedBytes += out.byteLength;
      return out;
    } catch (error) {
      compressed.delete(key);
      throw error;
    }
  }
}

/**
 * Setting c.res over an answer makes Hono copy the old one's body into a new Response (and read it as a
 * stream); nothing of the old one is wanted, its headers are already in the new one.
 */
function replace(c: AppContext, res: Response): void {
  c.res = undefined;
  c.res = res;
}

/** The encoding the request asked for and, for an anonymous GET, the key its answer is kept under. */
interface Asked {
  wanted: Encoding | undefined;
  key: string | undefined;
  /** The frameworks' version when the request arrived. */
  version: string;
}

/**
 * Validators and encoding of the answer a route gave; an anonymous GET's answer that the page cache supplied
 * is kept whole.
 */
async function finish(c: AppContext, kept: Kept, asked: Asked): Promise<void> {
  const res = c.res;
  const type = res.headers.get("Content-Type") ?? "";
  const readable = c.req.method === "GET" || c.req.method === "HEAD";
  const shared = readable && res.status === 200 && !isPrivate(res);
  // a page the page cache kept comes with its bytes and their hash: neither is read nor hashed again (and
  // its body is not touched: reading a Response's body makes @hono/node-server copy it into a web Response);
  // the hash only of a shared answer (a signed-in person's page is not hashed)
  const supplied = c.get("sharedBody");
  const known = shared ? supplied : undefined;
  const compressible =
    COMPRESSIBLE.test(type) &&
    !res.headers.has("Content-Encoding") &&
    (supplied !== undefined || res.body !== null);
  if (!shared && !compressible) return;
  if (compressible) res.headers.append("Vary", "Accept-Encoding");
  const body = supplied?.bytes ?? new Uint8Array(await res.arrayBuffer());
  const encoding = compressible && body.byteLength >= MIN_BYTES ? asked.wanted : undefined;
  const headers = new Headers(res.headers);
  let hash: string | undefined;
  if (shared) {
    hash = known?.hash ?? createHash("sha1").update(body).digest("base64url");
    const etag = headers.get("ETag") ?? `"${hash}${encoding ? `-${encoding}` : ""}"`;
    headers.set("ETag", etag);
    if (etagMatches(etag, c.req.header("If-None-Match")))
      return replace(c, new Response(null, { status: 304, headers: retained304(headers) }));
  }
  let out = body as Uint8Array<ArrayBuffer>;
  if (encoding) {
    out = await kept.encoded(body, encoding, hash);
    headers.set("Content-Encoding", encoding);
    headers.delete("Content-Length");
  }
  const etag = headers.get("ETag");
  // only what the page cache keeps (the same for everyone until the version changes) is kept whole
  if (asked.key !== undefined && known !== undefined && etag)
    kept.keepAnswer(asked.key, asked.version, {
      etag,
      ok: keptReply(200, Object.fromEntries(headers), out),
      notModified: keptReply(304, retained304(headers), null),
    });
  // a HEAD is answered as its GET without the body (Hono drops it after this): the length says what a GET sends
  if (c.req.method === "HEAD") headers.set("Content-Length", String(out.byteLength));
  // @hono/node-server's Response keeps the bytes and writes them as they are (no copy, no stream). Its
  // status only: any other property of the route's answer (its statusText) made @hono/node-server build
  // the web Response behind it, the body put in a stream, for a reason phrase node:http writes anyway
  replace(c, new Response(out, { status: res.status, headers }));
}

/** The answers kept whole of each app, for the server to answer from before Hono runs (server.ts). */
const keptAnswersOf = new WeakMap<App, KeptAnswers>();

/** The lookup of `app`'s answers kept whole, if it keeps any. */
export function keptAnswers(app: App): KeptAnswers | undefined {
  return keptAnswersOf.get(app);
}

/**
 * The key an anonymous GET's answer is kept under: its variant, the encoding asked for, the host it was
 * asked at (a page may name it: the CASE answers' URIs do) and its target.
 */
function keyOf(req: SharedRequest, variant: SharedVariant, wanted: Encoding | undefined) {
  const shared = req.method === "GET" ? variant(req) : undefined;
  if (shared === undefined) return undefined;
  return `${shared} ${wanted ?? "identity"} ${req.header("host") ?? ""} ${req.target}`;
}

function sharedRequest(c: AppContext): SharedRequest {
  const url = c.req.url;
  const path = url.indexOf("/", 8);
  // a request made without a Host header (app.request) was asked at its URL's host
  const host = () => url.slice(url.indexOf("//") + 2, path);
  return {
    method: c.req.method,
    target: url.slice(path),
    https: url.startsWith("https:"),
    header: (name) => c.req.header(name) ?? (name === "host" ? host() : undefined),
  };
}

/** Installs validators and compression for every answer after it (put it before the routes). */
export function validateAndCompress(app: App, registry: FrameworkRegistry, variant: SharedVariant): void {
  const kept = new Kept(registry);
  const lookup: KeptAnswers = (req) => {
    const key = keyOf(req, variant, encodingFor(req.header("accept-encoding")));
    const answer = key === undefined ? undefined : kept.answer(key);
    if (!answer) return undefined;
    return etagMatches(answer.etag, req.header("if-none-match")) ? answer.notModified : answer.ok;
  };
  keptAnswersOf.set(app, lookup);
  app.use("*", async (c, next) => {
    const version = registry.version;
    const req = sharedRequest(c);
    const reply = lookup(req);
    if (reply) return new Response(reply.body, { status: reply.status, headers: reply.headers });
    const wanted = encodingFor(req.header("accept-encoding"));
    await next();
    await finish(c, kept, { wanted, key: keyOf(req, variant, wanted), version });
  });
}
