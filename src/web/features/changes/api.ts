/** What the "what changed" answers look like, and its `/api` operation (see middleware/openapi.ts). */
import * as z from "zod";
import { BROKEN_FRAMEWORK, Diff, fwParam } from "../../components/api-schemas.js";
import { type ApiOperation, apiSchemas } from "../../middleware/openapi.js";
import { changesQuery } from "./requests.js";

export const Changes = z
  .looseObject({
    framework: z.string(),
    versions: z
      .array(
        z.looseObject({
          id: z.string().meta({ description: "`current` or the commit's hash: what `from` and `to` take." }),
          date: z.string().optional(),
          subject: z.string().optional(),
        }),
      )
      .meta({
        description: "The loaded version first, then the commits that changed the framework, newest first.",
      }),
    from: z.string().optional(),
    to: z.string().optional(),
    changes: z
      .array(
        z.looseObject({
          kind: z.string(),
          change: z.enum(["added", "removed", "renamed", "moved", "reworded", "changed"]),
          id: z.string(),
          from: z.string().optional(),
          parent: z.looseObject({ from: z.string(), to: z.string() }).optional(),
          fields: z.array(z.string()).optional(),
          words: Diff.optional(),
          confirmed: z.boolean().optional(),
          fate: z.looseObject({ fate: z.string() }).optional(),
        }),
      )
      .optional()
      .meta({
        description: "The structural diff from `from` to `to` (docs/cli.md, rungs diff --format json).",
      }),
  })
  .register(apiSchemas, { id: "FrameworkChanges" });

export const changesApi: ApiOperation[] = [
  {
    method: "get",
    path: "/api/frameworks/:fw/changes",
    operationId: "getFrameworkChanges",
    summary: "A framework's versions and what changed between two",
    description:
      "The versions the server knows (the loaded one, and the commits that changed the framework when its folder is in a git repository) and the structural diff between `from` and `to`.",
    tags: ["frameworks"],
    access: "public",
    params: z.object({ fw: fwParam }),
    query: changesQuery(),
    response: { description: "The versions and the diff.", schema: Changes },
    problems: {
      404: "No framework with that id, or `from`/`to` is not one of its versions.",
      422: "`from` or `to` is neither `current` nor a commit hash.",
      ...BROKEN_FRAMEWORK,
    },
  },
];
