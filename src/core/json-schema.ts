import * as z from "zod";
import { extendingFile } from "./extends.js";
import { FragmentFile, FrameworkFile } from "./schema.js";

/**
 * The JSON Schema of a framework file (a root file or a fragment), generated from the one zod schema.
 * Draft 7, because that is the draft editors' YAML language servers support best.
 */
export function frameworkJsonSchema(): Record<string, unknown> {
  const files = z.union([FrameworkFile, extendingFile(), FragmentFile]);
  const schema = z.toJSONSchema(files, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "rungs framework file",
    description:
      "A rungs career framework: a root file (with `rungs:`), a root file that extends a base framework, or a fragment of levels, areas, roles, families or sources.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
