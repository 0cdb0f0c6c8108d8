/** What the matrix reads from a request: which track and levels, as which role. */
import * as z from "zod";
import { lazySchema, oneLine } from "../../middleware/fields.js";

/** ?track=&from=&to= of the matrix: ids as typed (whether the framework has them is the filter's to say). */
export const matrixFilterQuery = lazySchema(() =>
  z.object({
    track: oneLine("id")
      .optional()
      .meta({
        description:
          "Show only the levels on this track's path (a branch includes the trunk below it and the apex above).",
        examples: ["ic"],
      }),
    from: oneLine("id")
      .optional()
      .meta({ description: "Lowest level id to show.", examples: ["senior"] }),
    to: oneLine("id")
      .optional()
      .meta({ description: "Highest level id to show.", examples: ["principal"] }),
    role: oneLine("id")
      .optional()
      .meta({
        description:
          "Show the cells as this role reads them: the shared text with the role's (or its family's) own, or its own in place of the shared one.",
        examples: ["backend"],
      }),
  }),
);
