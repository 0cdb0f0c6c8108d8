/** Regenerates schema/rungs.schema.json from the zod schema. Run after changing src/core/schema.ts. */
import { writeFileSync } from "node:fs";
import { frameworkJsonSchema } from "../src/core/json-schema.js";

const target = new URL("../schema/rungs.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(frameworkJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
