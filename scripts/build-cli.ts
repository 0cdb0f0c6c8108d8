/**
 * Bundles the `rungs` command into dist/cli/: main.js plus one chunk per lazily imported command (esbuild
 * code splitting), so a command loads only its own code. Packages in node_modules stay imports (they are
 * installed beside dist/, and some are native). Every chunk sits directly in dist/cli/ because modules
 * find the package's data/, examples/ and dist/web/assets/ as `../../` from their own URL.
 *
 * Writes dist/cli/meta.json (the metafiles of both builds below, as one) for anyone asking "why is X loaded".
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BuildOptions, build, type Metafile, type Plugin } from "esbuild";
import { quickValidatorsModule } from "./quick-validators.js";

const root = new URL("../", import.meta.url).pathname;

/**
 * commander imports node:child_process, node:fs, node:process and node:util at the top for what few runs need
 * (executable subcommands, stripping colours from help). A built-in loaded by an import is not free: its
 * module facade reads every export, and child_process brings net, dgram and streams with it; together about a
 * sixth of the CPU of `node -e ""`, paid by every command. These stand-ins load a module when it is first
 * used. A named import commander adds later fails the build ("No matching export"), never a run.
 */
const onFirstUse = (name: string) =>
  `export default new Proxy({}, { get: (_, key) => process.getBuiltinModule("${name}")[key] });`;
const LAZY_IN_COMMANDER: Record<string, string> = {
  "node:child_process": onFirstUse("node:child_process"),
  "node:fs": onFirstUse("node:fs"),
  // the global object itself: its module facade would read every property of process
  "node:process": "export default process;",
  "node:util":
    'export const stripVTControlCharacters = (s) => process.getBuiltinModule("node:util").stripVTControlCharacters(s);',
};
const lazyBuiltins: Plugin = {
  name: "lazy-builtins-in-commander",
  setup(plugins) {
    plugins.onResolve({ filter: /^node:(child_process|fs|process|util)$/ }, ({ path, importer }) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(importer) ? { path, namespace: "lazy-builtin" } : undefined,
    );
    plugins.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, ({ path }) => ({
      contents: LAZY_IN_COMMANDER[path],
      loader: "js",
    }));
  },
};
/**
 * archiver-utils 2 (exceljs → archiver 5) makes its buffers with `new Buffer(…)`, which Node deprecates
 * (DEP0005): every `rungs build` and xlsx export printed the warning to people who can do nothing about it.
 * Its two calls are bundled as what they mean. (archiver-utils 3, where they are fixed, breaks archiver 5:
 * it refuses exceljs's own stream class.) Other bundled `new Buffer(` calls are on paths rungs never takes.
 */
const BUFFER_CALLS: Record<string, string> = {
  "new Buffer(0)": "Buffer.alloc(0)",
  "new Buffer(source)": "Buffer.from(source)",
};
let buffersRewritten = 0;
const noDeprecatedBuffers: Plugin = {
  name: "no-deprecated-buffers",
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, ({ path }) => {
      let contents = readFileSync(path, "utf8");
      for (const [call, meant] of Object.entries(BUFFER_CALLS)) {
        if (contents.includes(call)) buffersRewritten++;
        contents = contents.replaceAll(call, meant);
      }
      return { contents, loader: "js" };
    });
  },
};
const out = join(root, "dist/cli");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/**
 * Commands built whole, whose start-up counts: `rungs check` runs in CI and editors on every save, and `rungs
 * serve`'s first answer waits for its code. In the shared build a command's code is spread over many small
 * chunks (each module lands in the chunk of the set of commands that use it), and each file costs Node a
 * resolve, a read and a link: check's ~20 became a handful, and serve's thread loaded 70 files before its
 * first answer, 47 once built whole. Each is built on its own, not with the other: built together, what the
 * two and their lazy imports share was split again by which of them used it, and `rungs check` of a valid
 * framework loaded 35 files (16 built alone; its CPU 72.6 → 67.3 ms, medians of 21 interleaved rounds, w24).
 * program.ts imports them by their file names, which the main build leaves
 * as they are. They share no state with the rest: they return an exit status (serve takes the framework
 * thread main.ts started through its `io`). Each has its own copy of context.ts, whose UsageError is known
 * to program.ts by a mark every copy shares (context.ts), not by its class.
 */
const WHOLE = ["check-command", "serve-command"];
/**
 * The code of the thread that loads `rungs serve`'s frameworks, built on its own (registry-worker.js, its
 * entry, turns on the compile cache and imports it): in the shared build its code was spread over the chunks
 * the commands share (30 files for the thread to resolve, read and link; 22 built on its own). A thread has
 * module instances of its own and shares only messages with the command's thread, so nothing it holds needs
 * to be the same instance as theirs.
 */
const THREAD_WHOLE = "registry-thread";
const wholeImports: Plugin = {
  name: "commands-built-whole",
  setup(plugins) {
    const names = new RegExp(`^\\./(?:${WHOLE.join("|")})\\.js$`);
    plugins.onResolve({ filter: names }, ({ path, importer }) =>
      /[\\/]src[\\/]cli[\\/]program\.ts$/.test(importer) ? { path, external: true } : undefined,
    );
    plugins.onResolve({ filter: new RegExp(`^\\./${THREAD_WHOLE}\\.js$`) }, ({ path, importer }) =>
      /[\\/]src[\\/]cli[\\/]registry-worker\.ts$/.test(importer) ? { path, external: true } : undefined,
    );
  },
};
/**
 * context.ts imports catalog.ts (the occupation lists) on first use, for the commands of the shared build. A
 * command built whole imports catalog.ts itself where it needs it; left in its graph, context's lazy import
 * would make catalog.ts a split point, and every module it shares with the command (the text helpers, the file
 * system layer) a chunk file of its own. Unused there, the lazy import is dropped with its function.
 */
const catalogInWhole: Plugin = {
  name: "catalog-static-in-whole",
  setup(plugins) {
    plugins.onResolve({ filter: /^\.\/catalog\.js$/ }, ({ path, importer }) =>
      /[\\/]src[\\/]cli[\\/]context\.ts$/.test(importer) ? { path, external: true } : undefined,
    );
  },
};
/**
 * src/load/quick-validate.ts asks the schemas whether a file is valid as it stands; in the CLI the same
 * question is compiled ahead of time (scripts/quick-validators.ts), so a check of valid files loads neither
 * zod nor the schemas.
 */
const quickValidators = quickValidatorsModule();
const precompiled: Plugin = {
  name: "quick-validators-compiled",
  setup(plugins) {
    plugins.onLoad({ filter: /[\\/]src[\\/]load[\\/]quick-validate\.ts$/ }, () => ({
      contents: quickValidators,
      loader: "js",
      resolveDir: root,
    }));
  },
};
const shared = {
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  // Pure-JS packages are bundled (one file read instead of dozens per package). Imports stay for native
  // addons, pg (whose optional native driver is looked up at run time), and the password-strength
  // dictionaries: megabytes imported only when a password is chosen, whose CommonJS builds lost their
  // named exports when bundled behind a dynamic import.
  external: ["@node-rs/argon2", "pg", "@zxcvbn-ts/*"],
  chunkNames: "[name]-[hash]",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  sourcemap: "linked",
  metafile: true,
  legalComments: "none",
  minify: true,
  // Bundled CommonJS packages call require() for Node built-ins, which an ES module does not have. The
  // banner goes into every chunk, and only esbuild's runtime chunk calls it: a require made when first
  // called, so a chunk costs no import of node:module and no createRequire (~25 chunks load for `check`).
  banner: {
    js: 'let __rungsRequire; const require = (id) => (__rungsRequire ??= process.getBuiltinModule("node:module").createRequire(import.meta.url))(id);',
  },
  logLevel: "warning",
  // where src/load/yaml-library.ts finds the `yaml` package (see `yamlBundle` below), from any chunk
  define: { YAML_BUNDLE: JSON.stringify("./yaml.cjs") },
} satisfies BuildOptions;
/**
 * The `yaml` package in a file of its own, which src/load/yaml-library.ts requires when something first needs
 * it: a clean `rungs check` never does (the quick reader reads its files), and in a chunk the package would
 * load with every module that can use it. CommonJS, because its callers require it synchronously.
 */
const yamlBundle = {
  entryPoints: { yaml: "yaml" },
  absWorkingDir: root,
  outdir: out,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node22",
  sourcemap: "linked",
  metafile: true,
  legalComments: "none",
  minify: true,
  logLevel: "warning",
} satisfies BuildOptions;
const [main, yaml, thread, ...wholes] = await Promise.all([
  build({
    ...shared,
    // the worker threads of `rungs build --jobs` (src/cli/build-pages.ts) and the one loading the frameworks
    // of `rungs serve` (src/cli/open-registry.ts) and the one an import runs in (src/import/import-thread.ts)
    // start from files of their own
    entryPoints: {
      main: join(root, "src/cli/main.ts"),
      "build-worker": join(root, "src/cli/build-worker.ts"),
      "registry-worker": join(root, "src/cli/registry-worker.ts"),
      "import-worker": join(root, "src/import/import-worker.ts"),
    },
    plugins: [lazyBuiltins, wholeImports, noDeprecatedBuffers, precompiled],
  }),
  build(yamlBundle),
  build({
    ...shared,
    entryPoints: { [THREAD_WHOLE]: join(root, `src/cli/${THREAD_WHOLE}.ts`) },
    plugins: [noDeprecatedBuffers, precompiled],
  }),
  ...WHOLE.map((name) =>
    build({
      ...shared,
      entryPoints: { [name]: join(root, `src/cli/${name}.ts`) },
      plugins: [lazyBuiltins, catalogInWhole, noDeprecatedBuffers, precompiled],
    }),
  ),
]);
const builds = [main, yaml, thread, ...wholes];
const result: { metafile: Metafile } = {
  metafile: {
    inputs: Object.assign({}, ...builds.map((b) => b.metafile.inputs)),
    outputs: Object.assign({}, ...builds.map((b) => b.metafile.outputs)),
  },
};
writeFileSync(join(out, "meta.json"), JSON.stringify(result.metafile));
// catalogInWhole leaves context's import of ./catalog.js as it is, a file no build writes: it must go unused
const catalogLeft = wholes
  .flatMap((whole) => Object.entries(whole.metafile.outputs))
  .find(([, output]) => output.imports.some((i) => i.path === "./catalog.js"));
if (catalogLeft) {
  console.error(
    `cli: ${catalogLeft[0]} imports ./catalog.js through context.ts; import src/cli/catalog.ts itself`,
  );
  process.exit(1);
}
// `import { z } from "zod"` keeps zod's whole namespace object, every locale included (~450 KB that each
// validating command would load); `import * as z from "zod"` lets the bundle keep only what is used.
const locales = Object.values(result.metafile.outputs)
  .flatMap((output) => Object.entries(output.inputs))
  .filter(([file, { bytesInOutput }]) => bytesInOutput > 0 && /zod\/v4\/locales\/(?!en\.js)/.test(file))
  .map(([file]) => file);
if (locales.length) {
  console.error(
    `cli: zod's locales are bundled (${locales[0]}, …): some module imports { z } from "zod"; write import * as z from "zod"`,
  );
  process.exit(1);
}
// Only yaml.cjs holds the `yaml` package: a copy in a chunk would load on its own, and a second one with it.
const yamlInChunk = [main, ...wholes]
  .flatMap((b) => Object.values(b.metafile.outputs))
  .flatMap((output) => Object.entries(output.inputs))
  .find(([file, { bytesInOutput }]) => bytesInOutput > 0 && /node_modules\/yaml\//.test(file));
if (yamlInChunk) {
  console.error(
    `cli: ${yamlInChunk[0]} is bundled into a chunk: some module imports from "yaml"; take the package from src/load/yaml-library.ts`,
  );
  process.exit(1);
}
/**
 * What a server does not load before its first answer (`rungs serve`, bench/start.ts): the file format's
 * schemas and the loader (its frameworks load in their own thread), the importers, the spreadsheet and zip
 * writers, the password hashing addon, the API document's answer schemas. They are imported on first use; a
 * static import from the web app's graph fails the build.
 */
const NOT_BEFORE_FIRST_ANSWER = [
  /^src\/core\/schema\.ts$/,
  /^src\/load\/load-framework\.ts$/,
  /^src\/import\/(?!formats|types)/,
  /^node_modules\/fflate\//,
  // the API's answer schemas and operations: built when the API document is first asked for
  /^src\/web\/(api-operations\.ts|middleware\/openapi\.ts|features\/[^/]+\/api\.ts)$/,
  /^@node-rs\/argon2$/,
];
const staticGraph = (from: string) => {
  const seen = new Set([from]);
  for (const file of seen)
    for (const { path, kind } of result.metafile.inputs[file]?.imports ?? [])
      if (kind === "import-statement") seen.add(path);
  return seen;
};
/**
 * Modules whose static imports must stay out of a path: the web app's (above); the module main.ts imports to
 * start serve's framework thread, which must not wait for the registry's code (it loads after, in
 * `registryModules`); and that thread's entry, which turns on the compile cache before its code loads.
 */
const KEPT_OUT: [from: string, patterns: RegExp[], fix: string][] = [
  ["src/web/app.ts", NOT_BEFORE_FIRST_ANSWER, "import it where it is used"],
  ["src/cli/open-registry.ts", [/^src\/load\//], "load it in registryModules"],
  [
    "src/cli/registry-worker.ts",
    [/^src\/(?!cli\/registry-worker\.ts$)/],
    "import it from registry-thread.ts",
  ],
];
for (const [from, patterns, fix] of KEPT_OUT) {
  const eager = [...staticGraph(from)].find((file) => patterns.some((pattern) => pattern.test(file)));
  if (eager) {
    console.error(`cli: ${eager} is imported statically by ${from}; ${fix}`);
    process.exit(1);
  }
}
/**
 * A request schema is built on first use (`lazySchema`, src/web/middleware/fields.ts): one declared at the top of
 * a module the web app imports is built as the module loads, before a server's first answer (the ~50 of them
 * cost ~40 ms of the main thread's CPU). Such a declaration fails the build.
 */
const EAGER_SCHEMA =
  /^(?:export )?const [\w$]+(?:: [^=]+)? = (?:z|oneLine|multiLine|wholeNumber|formField)\b/m;
const eagerSchema = [...staticGraph("src/web/app.ts")].find(
  (file) => file.startsWith("src/") && EAGER_SCHEMA.test(readFileSync(join(root, file), "utf8")),
);
if (eagerSchema) {
  console.error(`cli: ${eagerSchema} builds a zod schema as it loads; declare it with lazySchema`);
  process.exit(1);
}
// The banner's require is a plain function: a package that reads require.resolve or require.cache needs more.
const needsRealRequire = Object.keys(result.metafile.outputs)
  .filter((f) => f.endsWith(".js"))
  .find((f) => /(?<![\w$.])require\.(?!apply\b)[\w$]/.test(readFileSync(join(root, f), "utf8")));
if (needsRealRequire) {
  console.error(`cli: ${needsRealRequire} uses require.<property>, which the banner's lazy require lacks`);
  process.exit(1);
}
// archiver-utils without the calls: the rewrite above is stale, and goes rather than stays blind
if (buffersRewritten === 0) {
  console.error("cli: no bundled archiver-utils calls new Buffer() any more: remove noDeprecatedBuffers");
  process.exit(1);
}
chmodSync(join(out, "main.js"), 0o755);
const chunks = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js"));
console.log(`cli: main.js and ${chunks.length - 1} chunk(s) → ${out}`);
