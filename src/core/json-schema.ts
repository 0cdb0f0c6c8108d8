import { z } from "zod";
import { AnyFile } from "./schema.js";

/**
 * The JSON Schema of a framework file (a root file or a fragment), generated from the one zod schema.
 * Draft 7, because that is the draft editors' YAML language servers support best.
 */
export function frameworkJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AnyFile, { io: "input", target: "draft-7" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: "rungs framework file",
    description:
      "A rungs career framework: a root file (with `rungs: 1`) or a fragment of levels, areas, roles, families or sources.",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}
