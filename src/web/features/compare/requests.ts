/** What the compare choosers read from a request. */
import * as z from "zod";
import { lazySchema, oneLine } from "../../middleware/fields.js";

/** ?a=&b= of a chooser: two ids, as typed (the handler says which are missing or unknown). */
export const chooserQuery = lazySchema(() =>
  z.object({
    a: oneLine("id").optional(),
    b: oneLine("id").optional(),
  }),
);
