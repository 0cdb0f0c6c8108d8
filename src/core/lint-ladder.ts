/**
 * The ladder-quality rules: what a reviewer of a ladder looks for besides broken references. A level that
 * adds nothing over the one before it, wording nobody can measure, levels told apart only by "some" and
 * "most", one expectation far longer or shorter than its neighbours, and a competency that skips a level
 * in the middle of its span. Each is documented with a good and a bad example in docs/format.md.
 */
import type { Reporter } from "./lint-reporter.js";
import { sameText } from "./lint-same-text.js";
import {
  type CompetencyRef,
  competencySpan,
  entryOf,
  expectationDetail,
  type FrameworkIndex,
} from "./model.js";
import type { ExpectationDetail } from "./schema.js";

/** Flagged by `vague-wording` unless the framework's `lintWords.vague` replaces the list. */
export const DEFAULT_VAGUE_WORDS = [
  "appropriately",
  "as appropriate",
  "as needed",
  "as necessary",
  "where necessary",
  "when necessary",
  "various",
  "etc",
  "and so on",
  "adequately",
  "adequate",
  "sufficiently",
  "reasonable",
  "properly",
] as const;

/** Ignored by `intensifier-only` unless the framework's `lintWords.intensifiers` replaces the list. */
export const DEFAULT_INTENSIFIERS = [
  "some",
  "most",
  "all",
  "many",
  "few",
  "several",
  "more",
  "often",
  "usually",
  "always",
  "sometimes",
  "occasionally",
  "frequently",
  "consistently",
  "regularly",
  "increasingly",
  "very",
  "highly",
  "fully",
  "mostly",
  "largely",
  "partly",
  "routinely",
] as const;

/** A length is an outlier this many times above (or below) the competency's median… */
const OUTLIER_FACTOR = 3;
/** …and at least this many words away from it, so three-word cells beside ten-word ones pass. */
const OUTLIER_MIN_WORDS = 12;
/** The median means little below this many written cells. */
const OUTLIER_MIN_CELLS = 3;

export function checkLadder(index: FrameworkIndex, r: Reporter): void {
  const words = index.framework.lintWords;
  const vague = phraseMatcher(words?.vague ?? DEFAULT_VAGUE_WORDS);
  const intensifiers = new Set((words?.intensifiers ?? DEFAULT_INTENSIFIERS).map((w) => w.toLowerCase()));
  const sameTrack = sameTrackNeighbours(index);
  for (const ref of index.competencies.values()) {
    // each cell's text and words are worked out once here for the rules below: a large framework has tens
    // of thousands of cells, and splitting each into words three times was most of the linter's time
    const cells = new CellTexts(ref);
    checkVague(ref, vague, r);
    checkIntensifiers(index, ref, cells, intensifiers, r);
    checkOutliers(index, ref, cells, r);
    checkHoles(index, ref, sameTrack, r);
  }
  checkEmptyLevels(index, r);
}

/** The text a cell adds of its own: statement and criteria, as one string for comparing and counting. */
function ownText(detail: ExpectationDetail | undefined): string {
  if (!detail) return "";
  const statement = detail.statement ?? "";
  // without criteria, the statement alone: the join below made a list and a copy of every cell's text
  if (!detail.criteria?.length) return statement.trim();
  const criteria = detail.criteria.map((c) => (typeof c === "string" ? c : c.text));
  return [statement, ...criteria].join(" ").trim();
}

function cellAt(ref: CompetencyRef, level: string): ExpectationDetail | undefined {
  return expectationDetail(entryOf(ref.competency.expectations, level));
}

interface CellText {
  own: string;
  /** `own` lower-cased, read word by word where wording is compared (`sameBesides`). */
  lower: string;
  /** How many words `own` has. */
  words: number;
}

/** One competency's cells as the wording rules read them, each worked out on first use. */
class CellTexts {
  private readonly texts = new Map<string, CellText>();
  constructor(private readonly ref: CompetencyRef) {}

  /** The cell's own text (see `ownText`), lower-cased, and its number of words. */
  at(level: string): CellText {
    let text = this.texts.get(level);
    if (!text) {
      const own = ownText(cellAt(this.ref, level));
      const lower = own.toLowerCase();
      text = { own, lower, words: countWords(lower) };
      this.texts.set(level, text);
    }
    return text;
  }
}

/** Every pair of adjacent levels a competency spans both of, the earlier first. */
function adjacentPairs(index: FrameworkIndex, span: readonly string[]): [string, string][] {
  const inSpan = new Set(span);
  const pairs: [string, string][] = [];
  for (const from of span) {
    for (const to of index.successors.get(from) ?? []) if (inSpan.has(to)) pairs.push([from, to]);
  }
  return pairs;
}

/** Finds the phrases in a text: `quick` is a test any text with one passes, several times faster than `whole`. */
interface PhraseMatcher {
  quick: RegExp;
  whole: RegExp;
}

function phraseMatcher(phrases: readonly string[]): PhraseMatcher | undefined {
  const escaped = phrases
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+"));
  if (escaped.length === 0) return undefined;
  return {
    // the phrases anywhere: what `whole` matches, this matches too (at the same place)
    quick: new RegExp(escaped.join("|"), "iu"),
    // Whole words only: "etc" must not match inside "fetch", "various" not inside "variously" (a letter follows).
    whole: new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu"),
  };
}

function checkVague(ref: CompetencyRef, phrases: PhraseMatcher | undefined, r: Reporter): void {
  if (!phrases) return;
  const { competency } = ref;
  const matcher = phrases.whole;
  const look = (owner: object, key: string | number, text: string, level: string) => {
    // most texts have none: a quick test first spares the whole-word search and the list of matches
    if (!phrases.quick.test(text)) return;
    matcher.lastIndex = 0;
    const found = [...new Set([...text.matchAll(matcher)].map((m) => m[0].toLowerCase()))];
    if (found.length === 0) return;
    r.report(
      "vague-wording",
      owner,
      key,
      `competency "${competency.id}" at "${level}" uses wording nobody can measure: ${found.map((w) => `"${w}"`).join(", ")}`,
      "say what is done, how often or to what standard, so two readers would judge it alike",
    );
  };
  const expectations = competency.expectations;
  // for…in over own keys, not Object.entries, which made a pair of every cell
  for (const level in expectations) {
    if (!Object.hasOwn(expectations, level)) continue;
    const expectation = expectations[level] as (typeof expectations)[string];
    if (typeof expectation === "string") {
      look(competency.expectations, level, expectation, level);
      continue;
    }
    if (expectation.statement) look(expectation, "statement", expectation.statement, level);
    if (expectation.elaboration) look(expectation, "elaboration", expectation.elaboration, level);
    expectation.criteria?.forEach((c, i) => {
      if (typeof c === "string") look(expectation.criteria as object, i, c, level);
      else look(c, "text", c.text, level);
    });
  }
}

/** A word: what `vague-wording`'s neighbours and the word-counting rules count as one. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The number of WORDs in a lower-cased text, without making a list of them: ASCII text is counted by its
 * character codes (what WORD matches there is letters and digits, joined by ' and -), anything else by WORD.
 */
function countWords(lower: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code >= 128) return lower.match(WORD)?.length ?? 0;
    const alphanumeric =
      (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
    if (inWord) inWord = alphanumeric || code === 39 || code === 45;
    else if (alphanumeric) {
      count++;
      inWord = true;
    }
  }
  return count;
}

function checkIntensifiers(
  index: FrameworkIndex,
  ref: CompetencyRef,
  cells: CellTexts,
  intensifiers: ReadonlySet<string>,
  r: Reporter,
): void {
  const { competency, area } = ref;
  for (const [from, to] of adjacentPairs(index, competencySpan(index, competency, area))) {
    const a = cells.at(from);
    const b = cells.at(to);
    if (!a.own || !b.own || sameText(a.own, b.own)) continue;
    if (!sameBesides(a.lower, b.lower, intensifiers)) continue;
    r.report(
      "intensifier-only",
      competency.expectations,
      to,
      `competency "${competency.id}" tells "${to}" from "${from}" only by words such as "some", "most" or "all"`,
      `say what "${to}" does that "${from}" does not: wider scope, harder problems, less guidance`,
      "key",
    );
  }
}

const WORD_A = new RegExp(WORD);
const WORD_B = new RegExp(WORD);

/**
 * True when two texts have the same WORDs, and not none, once the words in `skip` are left out. Reads both
 * word by word and stops at the first that differs, as most pairs do at their first word that counts.
 */
function sameBesides(a: string, b: string, skip: ReadonlySet<string>): boolean {
  WORD_A.lastIndex = 0;
  WORD_B.lastIndex = 0;
  let compared = 0;
  for (;;) {
    let x = WORD_A.exec(a);
    while (x && skip.has(x[0])) x = WORD_A.exec(a);
    let y = WORD_B.exec(b);
    while (y && skip.has(y[0])) y = WORD_B.exec(b);
    if (!x || !y) return compared > 0 && !x && !y;
    if (x[0] !== y[0]) return false;
    compared++;
  }
}

function checkOutliers(index: FrameworkIndex, ref: CompetencyRef, cells: CellTexts, r: Reporter): void {
  const { competency, area } = ref;
  const counted = competencySpan(index, competency, area)
    .map((level) => ({ level, words: cells.at(level).words }))
    .filter((c) => c.words > 0);
  if (counted.length < OUTLIER_MIN_CELLS) return;
  const sorted = counted.map((c) => c.words).sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  for (const { level, words } of counted) {
    const far = Math.abs(words - median) >= OUTLIER_MIN_WORDS;
    const long = words > median * OUTLIER_FACTOR;
    const short = words * OUTLIER_FACTOR < median;
    if (!far || (!long && !short)) continue;
    r.report(
      "outlier-length",
      competency.expectations,
      level,
      `competency "${competency.id}" says ${words} words at "${level}", against a median of ${median} for its levels`,
      long
        ? "keep to what sets the level apart, and move the detail to an elaboration or examples"
        : "say as much as the other levels do",
      "key",
    );
  }
}

interface TrackNeighbours {
  before: Map<string, string[]>;
  after: Map<string, string[]>;
}

/**
 * The follows-edges people climb along one track: a hole is judged along a track, not across a side step.
 * An edge between two tracks counts when its lower level has no successor on its own track, so the climb
 * can only go on there: from the last rung of a trunk into each branch of a fork, from the top of a branch
 * into the rung where tracks rejoin. A step to another track from a level whose own track goes on is a
 * change of track, not the way up.
 */
function sameTrackNeighbours(index: FrameworkIndex): TrackNeighbours {
  const trackOf = (id: string) => index.levels.get(id)?.track;
  const goesOn = (id: string) => (index.successors.get(id) ?? []).some((n) => trackOf(n) === trackOf(id));
  const climbs = (lower: string, upper: string) => trackOf(lower) === trackOf(upper) || !goesOn(lower);
  return {
    before: new Map([...index.predecessors].map(([id, prev]) => [id, prev.filter((p) => climbs(p, id))])),
    after: new Map([...index.successors].map(([id, next]) => [id, next.filter((n) => climbs(id, n))])),
  };
}

/**
 * A level a competency leaves out (not in its span, or `notApplicable`) while it describes a level before
 * and a level after it on the way up, and other levels of its track: people climbing that track lose the
 * competency for one rung. A track where the competency describes nothing is a branch it does not follow.
 */
function checkHoles(
  index: FrameworkIndex,
  ref: CompetencyRef,
  sameTrack: TrackNeighbours,
  r: Reporter,
): void {
  const { competency, area } = ref;
  const span = new Set(competencySpan(index, competency, area));
  const present = (id: string) => span.has(id) && cellAt(ref, id)?.notApplicable !== true;
  const flow = (order: readonly string[], edges: Map<string, string[]>) => {
    const reached = new Set<string>();
    for (const id of order) {
      if ((edges.get(id) ?? []).some((n) => present(n) || reached.has(n))) reached.add(id);
    }
    return reached;
  };
  const before = flow(index.levelOrder, sameTrack.before);
  const after = flow([...index.levelOrder].reverse(), sameTrack.after);
  // a branch the competency does not follow at all is left out on purpose, not a hole in it
  const tracksFollowed = new Set(index.levelOrder.filter(present).map((id) => index.levels.get(id)?.track));
  for (const id of index.levelOrder) {
    if (present(id) || !before.has(id) || !after.has(id)) continue;
    if (!tracksFollowed.has(index.levels.get(id)?.track)) continue;
    const notApplicable = span.has(id);
    r.report(
      "span-hole",
      notApplicable ? competency.expectations : competency,
      notApplicable ? id : competency.levels ? "levels" : "id",
      `competency "${competency.id}" skips "${id}" between levels it describes on track "${index.levels.get(id)?.track}"`,
      notApplicable
        ? `write what "${id}" expects, or "unchanged: true" if the level before still holds`
        : `add "${id}" to the competency's levels`,
      notApplicable ? "key" : undefined,
    );
  }
}

/** Does the cell at `level` say anything the cell at `before` did not? */
function addsSomething(ref: CompetencyRef, before: string, level: string): boolean | undefined {
  const cell = cellAt(ref, level);
  if (!cell || cell.notApplicable) return undefined;
  const own = ownText(cell);
  if (cell.unchanged) return own !== "" || cell.step !== undefined;
  const earlier = cellAt(ref, before);
  if (cell.step !== undefined && cell.step !== earlier?.step) return true;
  return !sameText(own, ownText(earlier));
}

/** `level-adds-nothing`: every competency at a level says what it said at the level before. */
function checkEmptyLevels(index: FrameworkIndex, r: Reporter): void {
  const refs = [...index.competencies.values()].map((ref) => ({
    ref,
    span: new Set(competencySpan(index, ref.competency, ref.area)),
  }));
  for (const level of index.framework.levels ?? []) {
    for (const before of new Set(index.predecessors.get(level.id) ?? [])) {
      let compared = 0;
      let adds = false;
      for (const { ref, span } of refs) {
        if (!span.has(level.id) || !span.has(before)) continue;
        const verdict = addsSomething(ref, before, level.id);
        if (verdict === undefined) continue;
        compared++;
        if (verdict) {
          adds = true;
          break;
        }
      }
      if (compared === 0 || adds) continue;
      r.report(
        "level-adds-nothing",
        level,
        "id",
        `level "${level.id}" expects nothing in any competency that "${before}" did not`,
        `say in at least one competency what "${level.id}" adds, or merge it into "${before}"`,
      );
    }
  }
}
