import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations } from "../load/occupations.js";
import { FrameworkRegistry } from "../load/registry.js";
import { createApp } from "./app.js";

const root = new URL("../../", import.meta.url).pathname;
const product = readFileSync(join(root, "examples/product-matrix/framework.yaml"), "utf8");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function registryFor(text: string) {
  const dir = mkdtempSync(join(tmpdir(), "rungs-registry-"));
  dirs.push(dir);
  writeFileSync(join(dir, "framework.yaml"), text);
  const registry = new FrameworkRegistry([dir], {
    fs: nodeFileSystem,
    occupations: await loadOccupations(nodeFileSystem),
  });
  await registry.load();
  return { dir, registry, app: createApp({ registry }) };
}

const changed = (registry: FrameworkRegistry) => new Promise<void>((resolve) => registry.onChange(resolve));

describe("framework registry", () => {
  it("a framework with errors is listed with its diagnostics and its pages show them instead of failing", async () => {
    const { app, registry } = await registryFor(product.replace("name: Larkspur", "name: [Larkspur"));
    const home = await app.request("/");
    expect(home.status).toBe(200);
    const id = registry.list()[0]?.id as string;
    expect(id).toMatch(/^rungs-registry-/);
    const page = await app.request(`/frameworks/${id}/`);
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(`/frameworks/${id}/diagnostics/`);
    const list = (await (await app.request("/api/frameworks")).json()) as {
      frameworks: { ok: boolean; errors: number }[];
    };
    expect(list.frameworks[0]?.ok).toBe(false);
    expect(list.frameworks[0]?.errors).toBeGreaterThan(0);
  });

  it("--watch: editing a file reloads it; a broken edit shows diagnostics; fixing it brings the pages back", async () => {
    const { dir, registry, app } = await registryFor(product);
    const id = registry.list()[0]?.id as string;
    const stop = registry.watch(50);
    try {
      const before = registry.version;
      expect((await app.request(`/frameworks/${id}/`)).status).toBe(200);

      let next = changed(registry);
      writeFileSync(join(dir, "framework.yaml"), product.replace("levels:", "levels:\n  - id: [broken"));
      await next;
      expect(registry.version).not.toBe(before);
      const broken = await app.request(`/frameworks/${id}/`);
      expect(broken.status).toBe(302);
      expect(broken.headers.get("location")).toBe(`/frameworks/${id}/diagnostics/`);
      const diagnostics = await app.request(`/frameworks/${id}/diagnostics/`);
      expect(diagnostics.status).toBe(503);
      expect(await diagnostics.text()).toContain("yaml-syntax");

      next = changed(registry);
      writeFileSync(join(dir, "framework.yaml"), product.replace("name: Larkspur", "name: Larkspur Renamed"));
      await next;
      const fixed = await app.request(`/frameworks/${id}/`);
      expect(fixed.status).toBe(200);
      expect(await fixed.text()).toContain("Larkspur Renamed");
    } finally {
      stop();
    }
  });
  it("while a server's frameworks wait for their lint, the home page answers and every other page waits for it", async () => {
    // its only error is the linter's: read, it looks fine; linted, it is refused
    const { dir, registry: linter } = await registryFor(
      product.replace("rungs: 1\n", "rungs: 1\nlint:\n  no-such-rule: warning\n"),
    );
    const [entry] = linter.snapshot().entries;
    if (!entry) throw new Error("no framework");
    const asRead = {
      ...linter.snapshot(),
      entries: [{ ...entry, ok: true, linted: false as const, diagnostics: [] }],
    };
    const lint = Promise.withResolvers<ReturnType<FrameworkRegistry["snapshot"]>>();
    const registry = FrameworkRegistry.adopt([dir], { fs: nodeFileSystem }, asRead, lint.promise);
    const app = createApp({ registry });
    expect(registry.linting).toBe(true);
    expect((await app.request("/")).status).toBe(200);
    let answered = false;
    const page = Promise.resolve(app.request(`/frameworks/${entry.id}/`)).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    lint.resolve(linter.snapshot());
    // drawn from the linted framework: the linter refused it, so its page sends to its problems
    expect((await page).headers.get("location")).toBe(`/frameworks/${entry.id}/diagnostics/`);
    expect(registry.linting).toBe(false);
  });
});
