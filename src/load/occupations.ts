import { fileURLToPath } from "node:url";
import { type OccupationCatalog, parseSocCsv } from "../core/occupations.js";
import type { FileSystemPort } from "./fs-port.js";

/** The bundled SOC 2018 list (data/soc2018.csv), read once per process. */
export const SOC_2018_PATH = fileURLToPath(new URL("../../data/soc2018.csv", import.meta.url));

let cached: Promise<OccupationCatalog> | undefined;

export function loadOccupations(fs: FileSystemPort): Promise<OccupationCatalog> {
  cached ??= fs.readFile(SOC_2018_PATH).then(parseSocCsv);
  return cached;
}
