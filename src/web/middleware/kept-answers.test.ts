/*
 * Answers kept whole (middleware/caching.ts): an anonymous GET of a page already rendered is answered before
 * any other middleware runs. What is sent must be what the whole chain would send: the same bytes and
 * headers, a new version's content at once, nobody's own page, and each scheme its own headers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { exampleApp, pathsApp } from "../../../test/support/app.js";
import { addPerson, authApp, signedIn } from "../../../test/support/auth.js";
import { describeEachDatabase } from "../../../test/support/databases.js";
import { keptAnswers } from "./caching.js";

const PAGE = "/frameworks/engineering/matrix/";
const BROTLI = { "Accept-Encoding": "gzip, deflate, br" };

/** Headers as sent, but the ones each answer has its own of. */
const headersOf = (res: Response) => [...res.headers].filter(([name]) => name !== "date");

const work = mkdtempSync(join(tmpdir(), "rungs-kept-answers-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("answers kept whole for anonymous visitors", () => {
  it("sends the same bytes and headers as the answer the chain made, and a new version's at once", async () => {
    const dir = join(work, "engineering");
    cpSync(new URL("../../../examples/engineering/", import.meta.url).pathname, dir, { recursive: true });
    const { app, registry } = await pathsApp([dir]);
    const answers = [];
    // rendered; served by the page cache (and kept whole); served as kept
    for (let i = 0; i < 3; i++) {
      const res = await app.request(PAGE, { headers: BROTLI });
      answers.push({ headers: headersOf(res), body: Buffer.from(await res.arrayBuffer()) });
    }
    const [first, second, third] = answers;
    expect(third?.headers).toEqual(second?.headers);
    expect(third?.headers).toEqual(first?.headers);
    expect(third?.body.equals(second?.body ?? Buffer.alloc(0))).toBe(true);
    const etag = new Map(third?.headers).get("etag") ?? "";
    expect(etag).toMatch(/-br"$/);

    const notModified = await app.request(PAGE, { headers: { ...BROTLI, "If-None-Match": etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(notModified.headers.get("vary")).toContain("Accept-Encoding");
    expect(await notModified.text()).toBe("");

    const edit = (file: string, from: RegExp | string, to: string) => {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text).toMatch(from);
      writeFileSync(join(dir, file), text.replace(from, to));
    };
    edit("framework.yaml", /^name: (.*)$/m, "name: $1 (edited)");
    // a cell's own text too: cells are rendered once per content (components/fragments.ts)
    edit("areas/01-craft.yaml", "raises the\n", "lifts the\n");
    await registry.load();
    const changed = await app.request(PAGE);
    expect(changed.status).toBe(200);
    const body = await changed.text();
    expect(body).toContain("(edited)");
    expect(body).toContain("lifts the quality of the team");
    expect(body).not.toContain("raises the quality of the team");
    const again = await app.request(PAGE, { headers: { ...BROTLI, "If-None-Match": etag } });
    expect(again.status).toBe(200);
    expect(again.headers.get("etag")).not.toBe(etag);
  });
});

describe("memory of what is kept", () => {
  it("keeps each body in memory of its own, not as a view that holds a shared block of Node's, as a Buffer", async () => {
    const { app } = await exampleApp();
    // a small page: its bytes, and its brotli bytes, are each a few KB, which Node takes from 64 KiB blocks
    for (const headers of [BROTLI, {}]) for (let i = 0; i < 2; i++) await app.request("/", { headers });
    const lookup = keptAnswers(app);
    for (const accept of [BROTLI["Accept-Encoding"], undefined]) {
      const header = (name: string) =>
        name === "accept-encoding" ? accept : name === "host" ? "localhost" : undefined;
      const body = lookup?.({ method: "GET", target: "/", https: false, header })?.body;
      expect(body?.byteLength).toBeGreaterThan(0);
      expect(body?.buffer.byteLength).toBe(body?.byteLength);
      // node:http writes a Buffer as it is; any other Uint8Array it wraps in a new Buffer on every write
      expect(Buffer.isBuffer(body)).toBe(true);
    }
  });
});

describeEachDatabase("answers kept whole, with people signed in", (ctx) => {
  it("never answers a request with a session from what anonymous visitors were sent", async () => {
    const { app, store } = await authApp(ctx);
    await addPerson(store, { name: "Ada Lovelace", email: "ada@example.com" });
    const ada = await signedIn(app, "ada@example.com");
    for (let i = 0; i < 3; i++) expect((await app.request(PAGE, { headers: BROTLI })).status).toBe(200);
    const page = await ada.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Ada Lovelace");
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    expect(page.headers.get("etag")).toBeNull();
  });

  it("keeps the answers over HTTPS (with HSTS) apart from those over plain HTTP", async () => {
    const { app } = await authApp(ctx, { auth: { trustProxy: true } });
    const https = { "X-Forwarded-Proto": "https" };
    for (let i = 0; i < 3; i++) {
      const plain = await app.request(PAGE);
      expect(plain.headers.get("strict-transport-security")).toBeNull();
    }
    for (let i = 0; i < 3; i++) {
      const secure = await app.request(PAGE, { headers: https });
      expect(secure.headers.get("strict-transport-security")).toContain("max-age=");
    }
    expect((await app.request(PAGE)).headers.get("strict-transport-security")).toBeNull();
  });
});
