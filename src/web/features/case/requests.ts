/** What the CASE endpoints read from a request: an object's identifier. */
import * as z from "zod";
import { lazySchema, recordId } from "../../middleware/fields.js";

export const caseIdParam = lazySchema(() =>
  z.object({
    id: recordId().meta({
      description: "The object's CASE identifier (a UUID, stable across exports).",
      examples: ["0d7c3b52-0d4a-5f43-9a36-2f1e7c4d8b10"],
    }),
  }),
);
