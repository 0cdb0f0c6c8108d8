/**
 * The CLI build's src/load/quick-validate.ts: zod's own compiled validators of the two file schemas (the
 * framework's root file and a fragment), written out as code, so that the check of valid files needs neither
 * zod nor the schemas at run time (see that module). Each answers true for a valid value: the same answer as
 * the schema's safeParse, which test/quick-validators.test.ts compares them with.
 *
 * zod builds a compiled validator with `new Function(names…, body)(values…)`, once for the schema and once
 * for each part it compiles apart, the values being what the body refers to: regular expressions, sets of
 * allowed values, a few of zod's helpers, and those other compiled parts. Recorded while compiling, each is
 * written back as source. A value of a kind not known here fails the build, never a check.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { compileFn, util } from "zod/v4/core";
import { FragmentFile, FrameworkFile } from "../src/core/schema.js";

interface Made {
  names: string[];
  body: string;
  values: unknown[];
}

/**
 * zod's helpers the compiled code may call, by the name it is imported under: from their own file (zod's
 * package does not export it), since the package's index would bring all of zod's core with them.
 */
const helpersFile = join(dirname(createRequire(import.meta.url).resolve("zod/v4/core")), "util.js");
const helpers = new Map<unknown, string>(
  Object.entries(util)
    .filter(([, value]) => typeof value === "function")
    .map(([name, value]) => [value, `util.${name}`]),
);
helpers.set(Object.prototype.propertyIsEnumerable, "Object.prototype.propertyIsEnumerable");
helpers.set(Object.prototype.hasOwnProperty, "Object.prototype.hasOwnProperty");

/** How zod's factory body opens and closes: `return (input) => {`, the checks, `}`. */
const FACTORY = /^return \(input\) => \{\n([\s\S]*)\n\}$/;

/**
 * zod's factory body with the validator it returns in parentheses. V8 compiles a parenthesized function with
 * the code around it, so Node's compile cache (made when a module is compiled, before it runs) holds its
 * bytecode; unparenthesized, it was compiled at its first call in every run: the root file's validator alone
 * is 200 KB of source, 10-30 ms of CPU for the first file of each load. esbuild keeps such parentheses.
 */
function eager(body: string): string {
  const checks = FACTORY.exec(body)?.[1];
  if (checks === undefined)
    throw new Error(
      `quick validators: zod's compiled code no longer opens as expected: ${body.slice(0, 80)}`,
    );
  return `return ((input) => {\n${checks}\n});`;
}

/** The module's text: `quickValid.framework(value)` and `quickValid.fragment(value)`, as in the sources. */
export function quickValidatorsModule(): string {
  const made = new Map<unknown, Made>();
  const RealFunction = globalThis.Function;
  // zod calls `new Function(…)`: a construct trap, since an arrow function cannot be called with `new`
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args: string[]) {
      const factory = Reflect.construct(target, args) as (...values: unknown[]) => unknown;
      const names = args.slice(0, -1);
      const body = args.at(-1) as string;
      return (...values: unknown[]) => {
        const fn = factory(...values);
        made.set(fn, { names, body, values });
        return fn;
      };
    },
  });
  let compiled: { framework: unknown; fragment: unknown };
  try {
    compiled = {
      framework: compileFn(FrameworkFile, { assertOnly: true }),
      fragment: compileFn(FragmentFile, { assertOnly: true }),
    };
  } finally {
    globalThis.Function = RealFunction;
  }
  const source = (value: unknown): string => {
    if (typeof value === "symbol") return "INVALID";
    if (value instanceof RegExp) return value.toString();
    if (value instanceof Set) return `new Set(${JSON.stringify([...value])})`;
    if (value === undefined) return "undefined";
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      return JSON.stringify(value);
    const part = made.get(value);
    if (part)
      return `((${part.names.join(", ")}) => {${eager(part.body)}})(${part.values.map(source).join(", ")})`;
    const helper = helpers.get(value);
    if (helper) return helper;
    throw new Error(
      `quick validators: zod's compiled code refers to a value this build cannot write: ${String(value).slice(0, 80)}`,
    );
  };
  return [
    `import * as util from ${JSON.stringify(helpersFile)};`,
    "// what zod's compiled code returns for an invalid value",
    'const INVALID = Symbol("invalid");',
    `const framework = ${source(compiled.framework)};`,
    `const fragment = ${source(compiled.fragment)};`,
    "export const quickValid = {",
    "  framework: (value) => framework(value) === true,",
    "  fragment: (value) => fragment(value) === true,",
    "};",
  ].join("\n");
}
