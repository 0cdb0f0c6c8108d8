/**
 * Loading a framework that `extends` another (format 2): the base is loaded into the same source map (so
 * its diagnostics point into its own files), the extending framework is merged over it by the rules of
 * src/core/extends.ts, and the merged framework is checked whole against the schema, since a new entry in
 * the extending file must still be complete.
 */
import { dirname, isAbsolute, join, normalize } from "node:path";
import * as z from "zod";
import type { Diagnostic } from "../core/diagnostics.js";
import { mergeFramework, type OverrideProblem } from "../core/extends.js";
import { ruleSeverity } from "../core/lint-rules.js";
import { type Framework, FrameworkFile } from "../core/schema.js";
import { didYouMean } from "../core/text.js";
import type { LoadLimits } from "./limits.js";
import type { ParseCache } from "./parse-cache.js";
import type { SourceFile, SourceMap } from "./yaml-source.js";

/** Bases extending bases: deeper than any real use, shallow enough that a mistake is found at once. */
export const MAX_EXTENDS_DEPTH = 8;

/** What loading a framework and the bases it extends share. */
export interface LoadContext {
  limits: LoadLimits;
  locator: SourceMap;
  /** The resolved paths of the frameworks being loaded, the one that extends first (finds `extends` cycles). */
  chain: string[];
  /** Files parsed by an earlier load, reused for a file whose text is the same (see `ParseCache`). */
  parsed?: ParseCache;
}

interface Loaded {
  framework?: Framework;
  diagnostics: Diagnostic[];
  files: SourceFile[];
}

/**
 * Merges `child` (an extending framework whose root file is `rootFile`) over the base its `extends` names.
 * Without a usable base, the child alone is returned (its diagnostics say why).
 */
export async function extendBase(
  child: Framework,
  rootFile: string,
  context: LoadContext,
  load: (path: string, context: LoadContext) => Promise<Loaded>,
): Promise<Loaded> {
  const { locator } = context;
  const written = child.extends as string;
  const target = normalize(isAbsolute(written) ? written : join(dirname(rootFile), written)).replace(
    /\/$/,
    "",
  );
  const here = rootFile;
  const at = locator.locate(child, "extends");
  const chain = context.chain.length ? context.chain : [here];
  const fail = (code: string, message: string, hint: string): Loaded => ({
    framework: undefined,
    diagnostics: [{ code, severity: "error", message, ...at, hint }],
    files: [],
  });
  if (chain.some((p) => p === target || dirname(p) === target || p === dirname(target))) {
    return fail(
      "extends-cycle",
      `extends forms a cycle: ${[...chain, target].map((p) => relativeTo(here, p)).join(" → ")}`,
      "a framework cannot extend itself or a framework that extends it",
    );
  }
  if (chain.length > MAX_EXTENDS_DEPTH) {
    return fail(
      "extends-cycle",
      `extends is nested more than ${MAX_EXTENDS_DEPTH} frameworks deep`,
      "extend the base directly instead of through a chain",
    );
  }
  const base = await load(target, { ...context, chain: [...chain, target] });
  if (!base.framework) {
    const unread = base.diagnostics.find((d) => d.code === "read-error");
    return {
      diagnostics: unread
        ? [
            {
              ...unread,
              ...at,
              message: `cannot read the base framework "${written}": ${unread.message}`,
              hint: `extends is read from this file's folder: looked for ${target}`,
            },
          ]
        : base.diagnostics,
      files: base.files,
    };
  }
  const merged = mergeFramework(
    base.framework as unknown as Record<string, unknown>,
    child as unknown as Record<string, unknown>,
    (copy, original) => locator.alias(copy, original),
  );
  const severity = ruleSeverity(child.lint, "override-target");
  const diagnostics = [...base.diagnostics];
  if (severity !== "off")
    diagnostics.push(...merged.problems.map((p) => overrideDiagnostic(p, locator, severity)));
  diagnostics.push(...completeness(merged.value, locator));
  return { framework: merged.value as unknown as Framework, diagnostics, files: base.files };
}

function overrideDiagnostic(
  problem: OverrideProblem,
  locator: SourceMap,
  severity: Diagnostic["severity"],
): Diagnostic {
  const hint = didYouMean(problem.id, problem.known) ?? "the base framework has no entry with this id";
  return {
    code: "override-target",
    severity,
    message: `override: ${problem.override} names "${problem.id}", which the base framework does not have`,
    ...locator.locate(problem.entry, "id"),
    hint,
  };
}

/** The merged framework against the full schema: an entry new in the extending file must be complete. */
function completeness(value: Record<string, unknown>, locator: SourceMap): Diagnostic[] {
  const checked = FrameworkFile.safeParse(value);
  if (checked.success) return [];
  return checked.error.issues.map((issue) => {
    const path = issue.path;
    let owner: unknown = value;
    let depth = 0;
    for (; depth < path.length - 1; depth++) {
      const seg = path[depth] as PropertyKey;
      const next = (owner as Record<PropertyKey, unknown>)[seg];
      if (next === null || typeof next !== "object") break;
      owner = next;
    }
    const key = path[depth] as string | number | undefined;
    const field = path[path.length - 1];
    const missing = issue.code === "invalid_type" && depth === path.length - 1 && !hasKey(owner, key);
    return {
      code: missing ? "missing-field" : "invalid-value",
      severity: "error" as const,
      message: missing
        ? `missing required field "${String(field)}" (this entry is new: the base framework has none with its id)`
        : `after extending the base: ${z.prettifyError({ issues: [issue] } as z.ZodError).replace(/^✖ /, "")}`,
      ...locator.locate(owner as object, missing ? undefined : key),
    };
  });
}

function hasKey(owner: unknown, key: PropertyKey | undefined): boolean {
  return key !== undefined && owner !== null && typeof owner === "object" && Object.hasOwn(owner, key);
}

function relativeTo(from: string, path: string): string {
  const dir = dirname(from);
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
}
