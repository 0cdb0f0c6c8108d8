/** What the "what changed" page and answer read from a request: the two versions to compare. */
import * as z from "zod";
import { lazySchema } from "../../middleware/fields.js";

/** A version: `current` (what the server loaded) or the full hash of a commit that changed the framework. */
export const versionRef = lazySchema(() =>
  z
    .union([z.literal("current"), z.hex().length(40)])
    .meta({ description: "`current`, or a commit listed in `versions`." }),
);

export const changesQuery = lazySchema(() =>
  z.object({
    from: versionRef().optional(),
    to: versionRef().optional(),
  }),
);
