/**
 * What the canonical csv/xlsx layout holds of a framework (docs/import.md, "What a round trip keeps"):
 * round-trip tests compare frameworks through this, so "equal" means equal on every part the layout carries.
 */
import { displayName, expectationDetail } from "../../src/core/model.js";
import type { Criterion, Framework } from "../../src/core/schema.js";

const some = <T>(list: T[] | undefined) => (list?.length ? list : undefined);
const someRecord = (r: Record<string, string> | undefined) => (r && Object.keys(r).length ? r : undefined);

function criterion(c: Criterion) {
  const o = typeof c === "string" ? { text: c } : c;
  return {
    id: "id" in o ? o.id : undefined,
    text: o.text.trim(),
    examples: some("examples" in o ? o.examples : undefined),
    ratings: someRecord("ratings" in o ? o.ratings : undefined),
    sources: some("sources" in o ? o.sources : undefined),
  };
}

export function layoutProjection(fw: Framework): unknown {
  const cited = new Set<string>();
  const areas = (fw.areas ?? []).map((area) => ({
    id: area.id,
    name: displayName(area),
    competencies: area.competencies.map((c) => {
      const expectations: Record<string, unknown> = {};
      for (const [level, e] of Object.entries(c.expectations)) {
        const d = expectationDetail(e);
        if (!d) continue;
        const cell = {
          statement: d.statement?.trim(),
          examples: some(d.examples),
          ratings: someRecord(d.ratings),
          sources: some(d.sources),
          criteria: some(d.criteria?.map(criterion)),
        };
        for (const s of [...(cell.sources ?? []), ...(cell.criteria ?? []).flatMap((x) => x.sources ?? [])])
          cited.add(s);
        if (cell.statement || cell.examples || cell.ratings || cell.criteria) expectations[level] = cell;
      }
      return { id: c.id, name: displayName(c), expectations };
    }),
  }));
  return JSON.parse(
    JSON.stringify({
      id: fw.id,
      name: fw.name,
      version: fw.version,
      tracks: fw.tracks.map((t) => ({ id: t.id, name: t.name })),
      ratingScale: fw.ratingScale?.map((b) => ({ id: b.id, name: b.name })),
      levels: (fw.levels ?? []).map((l) => ({
        id: l.id,
        name: l.name,
        title: l.title,
        track: l.track,
        follows: some(l.follows),
        rank: l.rank,
      })),
      areas,
      sources: (fw.sources ?? [])
        .filter((s) => cited.has(s.id))
        .map((s) => ({ id: s.id, title: s.title, url: s.url })),
    }),
  );
}
