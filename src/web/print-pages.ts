/**
 * The pages `rungs export pdf` prints, rendered as the static site renders them: the web app over the one
 * framework, from memory. The export layer may not import the web app, so the CLI hands this to it
 * (src/export/pdf.ts, PrintablePages).
 */
import type { FrameworkIndex } from "../core/model.js";
import type { PrintablePages } from "../export/pdf.js";
import { memoryFileSystem, nodeFileSystem } from "../load/fs-port.js";
import { loadOccupations } from "../load/occupations.js";
import { FrameworkRegistry } from "../load/registry.js";
import { yamlLibrary } from "../load/yaml-library.js";
import { createApp } from "./app.js";
import { paths } from "./links.js";
import { outputFile } from "./site-map.js";

export const printablePages: PrintablePages = {
  path(fw, page) {
    if (page.kind === "level") return paths.level(fw, page.id);
    if (page.kind === "role") return paths.role(fw, page.id);
    return paths.matrix(fw);
  },
  file: outputFile,
  async render(index: FrameworkIndex, page: string): Promise<string> {
    const { extends: _, ...framework } = index.framework;
    const file = "/framework/framework.yaml";
    const registry = new FrameworkRegistry([file], {
      fs: memoryFileSystem({ [file]: yamlLibrary().stringify(framework) }),
      occupations: await loadOccupations(nodeFileSystem),
    });
    await registry.load();
    const res = await createApp({ registry, staticSite: true }).request(page);
    if (res.status !== 200) throw new Error(`rendering ${page} answered ${res.status}`);
    return res.text();
  },
};
