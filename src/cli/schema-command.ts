import { frameworkJsonSchema } from "../core/json-schema.js";
import { type CliIo, EXIT } from "./context.js";

export function schemaCommand(io: CliIo): number {
  io.stdout.write(`${JSON.stringify(frameworkJsonSchema(), null, 2)}\n`);
  return EXIT.ok;
}
