import { serve } from "@hono/node-server";
import { nodeFileSystem } from "../load/fs-port.js";
import { createApp } from "../web/app.js";
import { FrameworkRegistry } from "../web/registry.js";
import { type CliIo, EXAMPLES, EXIT, loadCatalog, UsageError } from "./context.js";

export interface ServeOptions {
  port: string;
  host: string;
  watch?: boolean;
}

/** Serves the frameworks until interrupted. Resolves with the exit status when the server stops. */
export async function serveCommand(paths: string[], options: ServeOptions, io: CliIo): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${options.port}"`);
  const registry = await openRegistry(paths, io);
  const app = createApp({ registry });
  const stopWatching = options.watch ? registry.watch() : undefined;
  if (options.watch) registry.onChange(() => io.stdout.write(`reloaded: ${describe(registry)}\n`));

  return new Promise((resolveExit) => {
    const server = serve({ fetch: app.fetch, port, hostname: options.host }, (info) => {
      io.stdout.write(`rungs: serving ${describe(registry)}\n`);
      io.stdout.write(
        `rungs: open http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${info.port}/\n`,
      );
    });
    server.on("error", (error: NodeJS.ErrnoException) => {
      io.stderr.write(
        `rungs: cannot listen on ${options.host}:${port}: ${error.code === "EADDRINUSE" ? "the port is in use (try --port)" : error.message}\n`,
      );
      resolveExit(EXIT.usage);
    });
    const stop = () => {
      stopWatching?.();
      server.close(() => resolveExit(EXIT.ok));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Loads the frameworks at `paths` (the bundled examples when none are given). */
export async function openRegistry(paths: string[], io: CliIo): Promise<FrameworkRegistry> {
  const registry = new FrameworkRegistry(paths.length ? paths : EXAMPLES, {
    fs: nodeFileSystem,
    occupations: await loadCatalog(io),
    cwd: io.cwd,
  });
  await registry.load();
  for (const fw of registry.list()) {
    if (fw.diagnostics.some((d) => d.code === "read-error"))
      throw new UsageError(`cannot read ${fw.path}: ${fw.diagnostics[0]?.message}`);
  }
  return registry;
}

function describe(registry: FrameworkRegistry): string {
  return registry
    .list()
    .map((fw) =>
      fw.ok ? fw.id : `${fw.id} (${fw.diagnostics.filter((d) => d.severity === "error").length} errors)`,
    )
    .join(", ");
}
