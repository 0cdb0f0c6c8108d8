// The floor of bench/check: read every .yaml/.yml file under a folder and parse it with
// `yaml.parseDocument` (the parser rungs uses, keeping node ranges as rungs needs), and nothing else.
// Plain JavaScript run by bare node, as the built CLI is.
//
//   node bench/parse-yaml.mjs <dir>
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";

let documents = 0;
for (const entry of readdirSync(process.argv[2], { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
  const doc = parseDocument(readFileSync(join(entry.parentPath, entry.name), "utf8"));
  if (doc.errors.length) {
    console.error(`${entry.name}: ${doc.errors[0].message}`);
    process.exit(1);
  }
  documents++;
}
console.log(`${documents} documents`);
