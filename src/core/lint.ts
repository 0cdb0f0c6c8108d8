/**
 * The linter: rules over a loaded framework (their codes, severities and docs are in lint-rules.ts), each
 * finding located at the node it is about.
 */
import type { Diagnostic, Locator } from "./diagnostics.js";
import { checkCellReferences } from "./lint-cell-references.js";
import { DIRECTION_HINT, directionControlIn, namesThing } from "./lint-direction.js";
import { checkFormatVersion } from "./lint-format-version.js";
import { checkLadder } from "./lint-ladder.js";
import { checkMigration, type PreviousVersion } from "./lint-migration.js";
import { checkPublish } from "./lint-publish.js";
import { checkRatingOnly } from "./lint-rating-only.js";
import { checkRepeats } from "./lint-repeats.js";
import { type Key, Reporter, RULES } from "./lint-reporter.js";
import { sameText } from "./lint-same-text.js";
import { checkSteps } from "./lint-steps.js";
import { checkUnchanged } from "./lint-unchanged.js";
import { loadLinkReader, needsLinkReader, unsafeUrlIn } from "./lint-unsafe-url.js";
import { competencySpan, entryOf, type FrameworkIndex, hasContent, indexFramework } from "./model.js";
import { checkOccupationCode, type OccupationCatalog } from "./occupations.js";
import type { Expectation, Framework, Level } from "./schema.js";
import { didYouMean } from "./text.js";

export interface LintOptions {
  /**
   * The SOC 2018 list (for SOC and O*NET-SOC codes) with any scheme lists loaded as data (for codes of
   * those schemes). Without it codes are checked for format only.
   */
  occupations?: OccupationCatalog;
  /** Also hold the sources' reviews to the publish rule (`rungs check --publish`, lint-publish.ts). */
  publish?: boolean;
  /** The version `previous:` names, as the loader found it: removals since then must be mapped. */
  previous?: PreviousVersion;
  /**
   * Entries the loader left out for their errors, as `level:junior`: references to them are not reported;
   * and competencies whose expectations it left out (`expectations:testing`): no missing-expectation then.
   */
  dropped?: ReadonlySet<string>;
}

/**
 * Runs every rule over a framework. `locator` places each finding at the node it is about. Asynchronous only
 * to load the Markdown parser when some text has link syntax (lint-unsafe-url.ts).
 */
export async function lintFramework(
  framework: Framework,
  locator: Locator,
  options: LintOptions = {},
): Promise<Diagnostic[]> {
  const r = new Reporter(locator, framework.lint ?? {});
  const index = indexFramework(framework);
  checkLintSettings(framework, r);
  checkDuplicates(framework, r);
  checkReferences(index, r, options.dropped);
  checkSourceRefs(index, r);
  checkGraph(index, r);
  checkExpectations(index, r, options.dropped);
  checkLevels(index, r);
  checkReferenceOrder(index, r);
  checkRoles(index, r, options);
  checkReviews(framework, r);
  const links = checkTexts(framework, r);
  checkSteps(index, r);
  checkCellReferences(index, r);
  checkRepeats(index, r);
  checkUnchanged(index, r);
  checkFormatVersion(index, r);
  checkRatingOnly(index, r);
  checkLadder(index, r);
  checkMigration(framework, r, options.previous);
  if (options.publish) checkPublish(framework, r);
  if (links.length) {
    const read = await loadLinkReader();
    // last first, so the positions of the earlier ones still hold
    for (const { at, owner, key, text } of links.reverse()) {
      const unsafe = unsafeUrlIn(key, text, read);
      if (unsafe) r.insert(at, "unsafe-url", owner, key, unsafe.message, unsafe.hint);
    }
  }
  return r.diagnostics;
}

function checkLintSettings(framework: Framework, r: Reporter): void {
  const settings = framework.lint;
  if (!settings) return;
  for (const code of Object.keys(settings)) {
    if (!RULES.has(code)) {
      r.report(
        "unknown-lint-rule",
        settings,
        code,
        `there is no lint rule "${code}"`,
        didYouMean(code, RULES.keys(), r.suggestions),
        "key",
      );
    }
  }
}

function checkDuplicates(fw: Framework, r: Reporter): void {
  const groups: [string, readonly { id: string }[] | undefined][] = [
    ["track", fw.tracks],
    ["level", fw.levels],
    ["area", fw.areas],
    ["competency", fw.areas?.flatMap((a) => a.competencies)],
    ["role", fw.roles],
    ["family", fw.families],
    ["source", fw.sources],
    ["dimension", fw.dimensions],
    ["code scheme", fw.codeSchemes],
    ["rating band", fw.ratingScale],
  ];
  for (const [kind, items] of groups) {
    const seen = new Map<string, object>();
    for (const item of items ?? []) {
      const first = seen.get(item.id);
      if (first) {
        const where = r.locator.locate(first, "id");
        r.report(
          "duplicate-id",
          item,
          "id",
          `duplicate ${kind} id "${item.id}"`,
          `first used at ${where.file}:${where.line}:${where.column}`,
        );
      } else seen.set(item.id, item);
    }
  }
}

function checkReferences(index: FrameworkIndex, r: Reporter, dropped?: ReadonlySet<string>): void {
  const fw = index.framework;
  const schemes = new Set((fw.codeSchemes ?? []).map((s) => s.id));
  const bands = new Set((fw.ratingScale ?? []).map((b) => b.id));
  const families = new Set((fw.families ?? []).map((f) => f.id));

  const ref = (
    kind: string,
    known: { has(id: string): boolean; keys(): Iterable<string> },
    owner: object,
    key: Key,
    id: string,
    on?: "key",
  ) => {
    if (known.has(id) || dropped?.has(`${kind}:${id}`)) return;
    r.report(
      "unknown-reference",
      owner,
      key,
      `unknown ${kind} "${id}"`,
      didYouMean(id, known.keys(), r.suggestions) ?? listHint(kind, known.keys()),
      on,
    );
  };
  const each = (
    kind: string,
    known: { has(id: string): boolean; keys(): Iterable<string> },
    list: string[] | undefined,
  ) => {
    list?.forEach((id, i) => {
      ref(kind, known, list, i, id);
    });
  };
  const keys = (
    kind: string,
    known: { has(id: string): boolean; keys(): Iterable<string> },
    record: Record<string, unknown> | undefined,
  ) => {
    // for…in over own keys: Object.keys made a list of every mapping's keys (see checkSourceRefs)
    if (!record) return;
    for (const id in record) if (Object.hasOwn(record, id)) ref(kind, known, record, id, id, "key");
  };
  const setKeys = (s: Set<string>) => ({ has: (id: string) => s.has(id), keys: () => s.values() });
  const knownBands = setKeys(bands);
  const knownFamilies = setKeys(families);

  for (const level of fw.levels ?? []) {
    ref("track", index.tracks, level, "track", level.track);
    each("level", index.levels, level.follows);
    keys("code scheme", setKeys(schemes), level.codes);
    keys("dimension", index.dimensions, level.dimensions);
    if (level.reachNext && typeof level.reachNext === "object") keys("level", index.levels, level.reachNext);
  }
  for (const area of fw.areas ?? []) {
    each("level", index.levels, area.levels);
    keys("level", index.levels, area.takeaways);
    for (const competency of area.competencies) {
      each("level", index.levels, competency.levels);
      keys("level", index.levels, competency.expectations);
      const expectations = competency.expectations;
      for (const id in expectations) {
        const expectation = expectations[id];
        if (!Object.hasOwn(expectations, id) || typeof expectation !== "object") continue;
        keys("rating band", knownBands, expectation.ratings);
      }
    }
  }
  for (const family of fw.families ?? []) {
    if (family.parent) ref("family", knownFamilies, family, "parent", family.parent);
  }
  for (const role of fw.roles ?? []) {
    ref("family", knownFamilies, role, "family", role.family);
    each("track", index.tracks, role.tracks);
    each("level", index.levels, role.levels);
    keys("level", index.levels, role.responsibilities);
    each("role", index.roles, role.related);
  }
}

/** Every `sources:` list anywhere below the root cites sources by id. */
function checkSourceRefs(index: FrameworkIndex, r: Reporter): void {
  const walk = (value: unknown, atRoot: boolean) => {
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === "object") walk(item, false);
      return;
    }
    if (!value || typeof value !== "object") return;
    // for…in over own keys, not Object.entries: this walks every object of the framework (a large one's
    // check spent a twentieth of its time allocating the entry pairs)
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const child = record[key];
      if (key === "sources" && !atRoot && Array.isArray(child)) {
        child.forEach((id, i) => {
          if (typeof id === "string" && !index.sources.has(id)) {
            r.report(
              "unknown-reference",
              child,
              i,
              `unknown source "${id}"`,
              didYouMean(id, index.sources.keys(), r.suggestions) ?? listHint("source", index.sources.keys()),
            );
          }
        });
      } else if (child && typeof child === "object") walk(child, false);
    }
  };
  walk(index.framework, true);
}

function listHint(kind: string, known: Iterable<string>): string | undefined {
  // At most 13 read: this runs for every unknown reference, against every id of its kind.
  const ids: string[] = [];
  for (const id of known) if (ids.push(id) > 12) return undefined;
  return ids.length === 0 ? `no ${kind} is declared` : `known: ${ids.join(", ")}`;
}

function checkGraph(index: FrameworkIndex, r: Reporter): void {
  const levels = index.levels;
  // Cycles: depth-first search; a follows-edge into a level still on the stack closes a cycle.
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, "open");
    stack.push(id);
    const level = levels.get(id) as Level;
    (level.follows ?? []).forEach((from, i) => {
      if (!levels.has(from)) return;
      if (state.get(from) === "open") {
        const cycle = stack.slice(stack.indexOf(from)).reverse();
        r.report(
          "level-cycle",
          level.follows as string[],
          i,
          `levels form a cycle: ${[...cycle, from].join(" → ")}`,
          "remove one of these follows entries",
        );
      } else if (!state.has(from)) visit(from);
    });
    stack.pop();
    state.set(id, "done");
  };
  for (const id of levels.keys()) if (!state.has(id)) visit(id);

  // Reachability from the roots, following edges forward.
  const roots = [...levels.values()].filter((l) => (l.follows ?? []).every((f) => !levels.has(f)));
  const reached = new Set<string>();
  const queue = roots.map((l) => l.id);
  while (queue.length) {
    const id = queue.shift() as string;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...(index.successors.get(id) ?? []));
  }
  for (const level of levels.values()) {
    if (!reached.has(level.id)) {
      r.report(
        "unreachable-level",
        level,
        "follows",
        `level "${level.id}" cannot be reached from a root level`,
        roots.length
          ? `roots: ${roots.map((l) => l.id).join(", ")}`
          : "no level is a root: give the first level no follows",
      );
    }
  }

  // Forks: a level where a new track begins needs at least two branches leaving it. Judged only on a
  // complete graph: a dangling follows (reported above) would make a branch look missing.
  const complete = [...levels.values()].every((l) => (l.follows ?? []).every((f) => levels.has(f)));
  for (const level of complete ? levels.values() : []) {
    const next = (index.successors.get(level.id) ?? []).map((id) => levels.get(id) as Level);
    const startsTrack = next.some(
      (n) => n.track !== level.track && (index.predecessors.get(n.id) ?? []).length === 1,
    );
    const branches = new Set(next.map((n) => n.track));
    if (startsTrack && branches.size === 1) {
      const only = next[0] as Level;
      r.report(
        "single-branch-fork",
        only,
        "track",
        `the ladder forks at "${level.id}" into one track only ("${only.track}")`,
        `add the other branch, or put "${only.id}" on track "${level.track}"`,
      );
    }
  }
}

function checkExpectations(index: FrameworkIndex, r: Reporter, dropped?: ReadonlySet<string>): void {
  const spans = new SpanSets();
  for (const area of index.framework.areas ?? []) {
    const areaLevels = new Set(area.levels ?? index.levelOrder);
    for (const id of Object.keys(area.takeaways ?? {})) {
      if (index.levels.has(id) && !areaLevels.has(id)) {
        r.report(
          "outside-span",
          area.takeaways as object,
          id,
          `takeaway for "${id}", a level area "${area.id}" does not describe`,
          undefined,
          "key",
        );
      }
    }
    for (const competency of area.competencies) {
      // its expectations were wrong as a whole: that error stands alone
      if (dropped?.has(`expectations:${competency.id}`)) continue;
      const span = competencySpan(index, competency, area);
      const spanSet = spans.of(span);
      const expectations = competency.expectations;
      for (const id of span) {
        // read in place: expectationDetail would make an object of every expectation written as text
        const cell = entryOf(expectations, id);
        const empty = typeof cell === "object" && !cell.notApplicable && !hasContent(cell);
        if (index.levels.has(id) && (cell === undefined || empty)) {
          r.report(
            "missing-expectation",
            competency,
            "expectations",
            `competency "${competency.id}" has no expectation at level "${id}"`,
            `add "${id}:" under expectations, or "${id}: { notApplicable: true }"`,
            "key",
          );
        }
      }
      for (const id in expectations) {
        if (!Object.hasOwn(expectations, id)) continue;
        if (index.levels.has(id) && !spanSet.has(id)) {
          r.report(
            "outside-span",
            expectations,
            id,
            `competency "${competency.id}" does not span level "${id}"`,
            "add the level to the competency's levels, or remove this expectation",
            "key",
          );
        }
      }
      for (const [from, nexts] of index.successors) {
        const a = statementOf(entryOf(expectations, from));
        // a test, where trim() made a copy of every statement of the framework
        if (!a || !/\S/.test(a)) continue;
        for (const to of nexts) {
          // `unchanged: true` says the repeat is meant: the level holds what the one before it did
          const later = entryOf(expectations, to);
          const b = typeof later === "object" && later.unchanged ? undefined : statementOf(later);
          if (b && sameText(a, b)) {
            r.report(
              "same-as-adjacent",
              expectations,
              to,
              `competency "${competency.id}" expects the same at "${from}" and "${to}"`,
              `say what "${to}" does beyond "${from}"`,
            );
          }
        }
      }
    }
  }
}

/** An expectation's statement, however it is written (without making an object of the short form). */
function statementOf(expectation: Expectation | undefined): string | undefined {
  return typeof expectation === "string" ? expectation : expectation?.statement;
}

/**
 * Each span's levels as a set, made once per span: most competencies share their area's list or the
 * framework's level order, and a set per competency was a large framework's most frequent allocation.
 */
class SpanSets {
  private readonly sets = new Map<readonly string[], ReadonlySet<string>>();
  of(span: readonly string[]): ReadonlySet<string> {
    let set = this.sets.get(span);
    if (!set) {
      set = new Set(span);
      this.sets.set(span, set);
    }
    return set;
  }
}

function checkLevels(index: FrameworkIndex, r: Reporter): void {
  const declared = index.framework.dimensions ?? [];
  if (declared.length === 0) return;
  for (const level of index.framework.levels ?? []) {
    const missing = declared.filter((d) => entryOf(level.dimensions, d.id) === undefined).map((d) => d.id);
    if (missing.length > 0) {
      r.report(
        "missing-dimension",
        level.dimensions ?? level,
        undefined,
        `level "${level.id}" has no value for ${missing.map((m) => `"${m}"`).join(", ")}`,
      );
    }
  }
}

/**
 * The ladder should not go down the reference scale: a level's `rank` (the lowest step it covers) is at
 * least the `rank` of every level it follows. Equal steps are fine (a level split in two, or a fork whose
 * branches start level with each other).
 */
function checkReferenceOrder(index: FrameworkIndex, r: Reporter): void {
  for (const level of index.framework.levels ?? []) {
    const reference = level.reference;
    if (!reference) continue;
    if (reference.to !== undefined && reference.to < reference.rank) {
      r.report(
        "reference-order",
        reference,
        "to",
        `level "${level.id}" has a reference range that runs down the scale, from ${reference.rank} to ${reference.to}`,
        `write rank: ${reference.to}, to: ${reference.rank}`,
      );
    }
    for (const from of new Set(level.follows ?? [])) {
      const previous = index.levels.get(from)?.reference;
      if (!previous || previous.rank <= reference.rank) continue;
      r.report(
        "reference-order",
        reference,
        "rank",
        `level "${level.id}" sits at step ${reference.rank} of the reference scale, below "${from}" (step ${previous.rank}), which it follows`,
        `raise "${level.id}" to step ${previous.rank} or higher, or lower "${from}"`,
      );
    }
  }
}

function checkRoles(index: FrameworkIndex, r: Reporter, options: LintOptions): void {
  for (const role of index.framework.roles ?? []) {
    const tracks = role.tracks ? new Set(role.tracks) : undefined;
    role.levels.forEach((id, i) => {
      const level = index.levels.get(id);
      if (tracks && level && index.tracks.has(level.track) && !tracks.has(level.track)) {
        r.report(
          "role-level-track",
          role.levels,
          i,
          `level "${id}" is on track "${level.track}", not on the role's tracks (${[...tracks].join(", ")})`,
          `add "${level.track}" to the role's tracks or remove "${id}"`,
        );
      }
    });
    const spanned = new Set(role.levels);
    if (role.responsibilities) {
      for (const id of Object.keys(role.responsibilities)) {
        if (index.levels.has(id) && !spanned.has(id)) {
          r.report(
            "outside-span",
            role.responsibilities,
            id,
            `role "${role.id}" does not span level "${id}"`,
            undefined,
            "key",
          );
        }
      }
      for (const id of role.levels) {
        if (index.levels.has(id) && !entryOf(role.responsibilities, id)?.length) {
          r.report(
            "missing-responsibilities",
            role,
            "responsibilities",
            `role "${role.id}" has no responsibilities at level "${id}"`,
            `add "${id}:" with a list of responsibilities`,
            "key",
          );
        }
      }
    }
    for (const classification of role.classifications ?? []) {
      const check = checkOccupationCode(
        classification.scheme,
        classification.code,
        options.occupations ?? new Map(),
        r.suggestions,
      );
      const formatOnly = !options.occupations && check.problem?.includes("SOC 2018");
      if (!check.ok && !formatOnly) {
        r.report("classification-code", classification, "code", check.problem as string, check.hint);
      }
    }
  }
}

function checkReviews(framework: Framework, r: Reporter): void {
  for (const source of framework.sources ?? []) {
    const review = source.review;
    if (!review || review.passMark === undefined) continue;
    for (const [dimension, score] of Object.entries(review.scores)) {
      if (score < review.passMark) {
        r.report(
          "review-below-pass",
          review.scores,
          dimension,
          `source "${source.id}" scores ${score} on ${dimension}, below its pass mark of ${review.passMark}`,
          "revise the content this source backs, or record why it is still used",
        );
      }
    }
  }
}

/** A text whose Markdown links are checked once the parser is loaded, and where its finding goes. */
interface LinkText {
  at: number;
  owner: object;
  key: string | number;
  text: string;
}

/**
 * The rules about every text field: empty-text, direction-control (names and titles), unsafe-url. Texts with link syntax are returned, to be read
 * for links once the Markdown parser is loaded.
 */
function checkTexts(framework: Framework, r: Reporter): LinkText[] {
  const links: LinkText[] = [];
  const visit = (owner: object, key: string | number, text: string) => {
    // a test, not trim(), which copied every text of the framework
    if (!/\S/.test(text))
      r.report("empty-text", owner, key, typeof key === "number" ? "empty text" : `"${key}" is empty`);
    const control = namesThing(key) ? directionControlIn(key as string, text) : undefined;
    if (control) r.report("direction-control", owner, key, control, DIRECTION_HINT);
    if (needsLinkReader(key, text)) {
      links.push({ at: r.diagnostics.length, owner, key, text });
      return;
    }
    const unsafe = unsafeUrlIn(key, text);
    if (unsafe) r.report("unsafe-url", owner, key, unsafe.message, unsafe.hint);
  };
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === "string") visit(value, i, item);
        else walk(item);
      }
    } else if (value && typeof value === "object") {
      // for…in over own keys, not Object.entries (see checkSourceRefs)
      const record = value as Record<string, unknown>;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) continue;
        const item = record[key];
        if (typeof item === "string") visit(value, key, item);
        else walk(item);
      }
    }
  };
  walk(framework);
  return links;
}
