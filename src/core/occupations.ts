/**
 * Occupation classifications: the SOC 2018 list (data/soc2018.csv) and the rules for the code schemes
 * rungs knows. Codes of other schemes are kept as written and not checked.
 */

export type SocGroup = "major" | "minor" | "broad" | "detailed";

export interface Occupation {
  code: string;
  title: string;
  group: SocGroup;
  parent: string | undefined;
}

/** SOC 2018 occupations by code (`15-1252`). */
export type OccupationCatalog = Map<string, Occupation>;

const GROUPS: Record<string, SocGroup> = {
  Major: "major",
  Minor: "minor",
  Broad: "broad",
  Detailed: "detailed",
};

/** Parses the normalized SOC CSV (code,title,Level,Hierarchical_structure,parent,…). */
export function parseSocCsv(text: string): OccupationCatalog {
  const catalog: OccupationCatalog = new Map();
  const lines = text.split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [code, title, , structure, parent] = splitCsvLine(line);
    const group = GROUPS[structure ?? ""];
    if (!code || !title || !group) continue;
    catalog.set(code, { code, title, group, parent: parent && parent !== "NA" ? parent : undefined });
  }
  return catalog;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export interface CodeCheck {
  ok: boolean;
  /** The occupation's title where the code resolves to one. */
  title?: string;
  problem?: string;
  hint?: string;
}

const SCHEMES: Record<string, { pattern: RegExp; example: string; soc?: (code: string) => string }> = {
  "soc-2018": { pattern: /^\d{2}-\d{4}$/, example: "15-1252", soc: (code) => code },
  "onet-soc-2019": {
    pattern: /^\d{2}-\d{4}\.\d{2}$/,
    example: "15-1252.00",
    soc: (code) => code.slice(0, 7),
  },
  "isco-08": { pattern: /^\d{1,4}$/, example: "2512" },
  esco: {
    pattern:
      /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    example: "http://data.europa.eu/esco/occupation/<uuid>",
  },
};

/** The scheme ids whose codes rungs validates. */
export const KNOWN_SCHEMES = Object.keys(SCHEMES);

/** Checks a classification code: its format, and for SOC and O*NET-SOC that it names a detailed occupation. */
export function checkOccupationCode(scheme: string, code: string, catalog: OccupationCatalog): CodeCheck {
  const rules = SCHEMES[scheme];
  if (!rules) return { ok: true };
  if (!rules.pattern.test(code)) {
    return {
      ok: false,
      problem: `"${code}" is not a well-formed ${scheme} code`,
      hint: `write it like ${rules.example}`,
    };
  }
  if (!rules.soc) return { ok: true };
  const soc = rules.soc(code);
  const occupation = catalog.get(soc);
  const quoted = soc === code ? `"${code}"` : `"${code}" (SOC ${soc})`;
  if (!occupation) {
    return {
      ok: false,
      problem: `${quoted} is not an occupation in SOC 2018`,
      hint: "look the code up in the SOC 2018 list (data/soc2018.csv)",
    };
  }
  if (occupation.group !== "detailed") {
    const children = [...catalog.values()].filter(
      (o) => o.group === "detailed" && o.code.startsWith(prefixOf(occupation)),
    );
    const some = children.slice(0, 4).map((o) => `${o.code} ${o.title}`);
    return {
      ok: false,
      problem: `${quoted} is a ${occupation.group} group (${occupation.title}), not a detailed occupation`,
      hint: some.length ? `choose a detailed occupation, e.g. ${some.join("; ")}` : undefined,
    };
  }
  return { ok: true, title: occupation.title };
}

/** The code prefix shared by everything under a group: 15-0000 → "15-", 15-1200 → "15-12", 15-1250 → "15-125". */
function prefixOf(group: Occupation): string {
  const digits = group.code.replace("-", "");
  const significant = { major: 2, minor: 4, broad: 5, detailed: 6 }[group.group];
  const kept = digits.slice(0, significant);
  return `${kept.slice(0, 2)}-${kept.slice(2)}`;
}
