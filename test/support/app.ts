import { nodeFileSystem } from "../../src/load/fs-port.js";
import { loadOccupations } from "../../src/load/occupations.js";
import { FrameworkRegistry } from "../../src/load/registry.js";
import { createApp } from "../../src/web/app.js";
import type { App } from "../../src/web/context.js";

const root = new URL("../../", import.meta.url).pathname;
export const EXAMPLE_PATHS = [`${root}examples/engineering`, `${root}examples/product-matrix`];

let shared: Promise<{ app: App; registry: FrameworkRegistry }> | undefined;

/** The app over the bundled examples, as `rungs serve` runs it (loaded once per test file). */
export function exampleApp(): Promise<{ app: App; registry: FrameworkRegistry }> {
  shared ??= (async () => {
    const registry = new FrameworkRegistry(EXAMPLE_PATHS, {
      fs: nodeFileSystem,
      occupations: await loadOccupations(nodeFileSystem),
    });
    await registry.load();
    return { app: createApp({ registry }), registry };
  })();
  return shared;
}

/** The app over other framework paths (the seed examples, the shape fixtures), as `rungs serve <paths>` runs it. */
export async function pathsApp(paths: string[]): Promise<{ app: App; registry: FrameworkRegistry }> {
  const registry = new FrameworkRegistry(
    paths.map((p) => (p.startsWith("/") ? p : `${root}${p}`)),
    { fs: nodeFileSystem, occupations: await loadOccupations(nodeFileSystem) },
  );
  await registry.load();
  return { app: createApp({ registry }), registry };
}

/** GET a path and return status, content type and body text. */
export async function get(app: App, path: string, headers?: Record<string, string>) {
  const res = await app.request(path, headers ? { headers } : undefined);
  return {
    status: res.status,
    type: res.headers.get("content-type") ?? "",
    body: await res.text(),
    headers: res.headers,
  };
}
