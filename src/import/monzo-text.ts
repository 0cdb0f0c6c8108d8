/**
 * Monzo's text pages (`yaml: false` in the front matter, such as the operations leadership page): no
 * topics in the front matter, the levels written as markdown instead. The site shows the page as written;
 * its shape is regular enough to read as data:
 *
 * ```markdown
 * ## Level 3            a level
 * ### Knowledge         a topic (an area), the same name at every level
 * #### Breadth …        the topic's description
 * **Sphere of …**       a group of criteria (a competency of the area)
 * * Goes to …           a criterion of the group at the level; an indented bullet under it is an example
 * ```
 *
 * The text before the first level heading is the page's prose. Bullets before any group belong to a
 * competency of the topic's own name. Any other line after the first level is a `dropped` bend at its line:
 * nothing is left out without a word.
 */
import type { Criterion } from "../core/schema.js";
import type { SourceLocation } from "../core/source-location.js";
import { quoted } from "../core/text.js";
import { plainName } from "./html-text.js";
import { slugify } from "./ids.js";
import type { ImportLog } from "./types.js";

/** A group of criteria per level number: one competency. */
export interface TextPart {
  id: string;
  name: string;
  cells: Map<number, Criterion[]>;
}

export interface TextTopic {
  id: string;
  label: string;
  description?: string;
  parts: TextPart[];
  at: SourceLocation;
}

export interface TextPage {
  /** The lowest and highest level the page has a heading for. */
  first: number;
  last: number;
  topics: TextTopic[];
  /** The prose before the first level heading. */
  intro: string;
}

/** `s` without `char` at either end, in one pass each way (no pattern that could backtrack). */
function trimChar(s: string, char: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === char) start++;
  while (end > start && s[end - 1] === char) end--;
  return s.slice(start, end);
}

/** An ATX heading's depth and text (`### Impact ` → 3, "Impact"), else undefined. */
function heading(line: string): { depth: number; text: string } | undefined {
  let depth = 0;
  while (depth < line.length && line[depth] === "#") depth++;
  if (depth === 0 || depth > 6 || (line[depth] !== " " && line[depth] !== "\t")) return undefined;
  return { depth, text: plainName(trimChar(line.slice(depth).trim(), "#").trim()) };
}

/** A bullet's indent and text (`  - Moves …` → 2, "Moves …"), else undefined. */
function bullet(line: string): { indent: number; text: string } | undefined {
  const text = line.trimStart();
  const indent = line.length - text.length;
  if (!"*-+".includes(text[0] ?? "x") || (text[1] !== " " && text[1] !== "\t")) return undefined;
  return { indent, text: text.slice(2).trim() };
}

/** A line that is only bold text (`**Risk appetite**`, a stray `*` after it kept out of the name). */
function boldLine(line: string): string | undefined {
  const text = line.trim();
  if (!text.startsWith("**") || !text.endsWith("**") || text.length < 5) return undefined;
  return plainName(trimChar(text, "*").trim()) || undefined;
}

const LEVEL = /^level\s+(\d{1,3})$/i;

/** A criterion as it is read: its lines, then the examples indented under it. */
interface Pending {
  part: TextPart;
  level: number;
  texts: string[];
  examples: string[];
}

/** One pass over a text page's lines: where the next bullet goes, and what has been read. */
class TextReader {
  readonly topics = new Map<string, TextTopic>();
  readonly intro: string[] = [];
  readonly read: Pending[] = [];
  readonly levels = new Set<number>();
  private readonly used = new Set<string>();
  private level?: number;
  private topic?: TextTopic;
  private part?: TextPart;
  /** The criterion a continuation line or an indented bullet adds to (none after a blank line). */
  private last?: Pending;

  constructor(private readonly log: ImportLog) {}

  line(line: string, at: SourceLocation): void {
    const h = heading(line);
    const level = h?.depth === 2 ? LEVEL.exec(h.text) : null;
    if (level) {
      this.startLevel(Number(level[1]), at);
      return;
    }
    if (this.level === undefined) {
      this.intro.push(line);
      return;
    }
    if (!line.trim()) this.last = undefined;
    if (!line.trim() || /^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line)) return;
    if (h?.depth === 3) {
      this.startTopic(h.text, at);
      return;
    }
    if (h?.depth === 4 && this.topic) {
      this.describe(this.topic, h.text, at);
      return;
    }
    const group = boldLine(line);
    if (group && this.topic) {
      this.part = this.partOf(this.topic, group);
      this.last = undefined;
      return;
    }
    const item = bullet(line);
    if (item && item.indent >= 2 && this.last) {
      this.last.examples.push(item.text);
      this.log.bend("guessed", at, "an indented bullet is read as an example of the criterion above it");
      return;
    }
    if (item?.text && this.topic) {
      this.part ??= this.partOf(this.topic, this.topic.label);
      this.last = { part: this.part, level: this.level, texts: [item.text], examples: [] };
      this.read.push(this.last);
      return;
    }
    if (!item && this.last) {
      this.last.texts.push(line.trim());
      return;
    }
    const what = this.topic ? "no level, topic, group or criterion" : "under no ### topic heading";
    this.log.bend("dropped", at, `a line that is ${what} is not read: ${quoted(line.trim(), 60)}`);
  }

  private startLevel(n: number, at: SourceLocation): void {
    if (this.levels.has(n))
      this.log.bend(
        "merged",
        at,
        `level ${n} has a second heading: what is under it is read with the first's`,
      );
    this.levels.add(n);
    this.level = n;
    this.topic = this.part = this.last = undefined;
  }

  private startTopic(name: string, at: SourceLocation): void {
    const id = slugify(name);
    this.topic = this.topics.get(id) ?? { id, label: name, parts: [], at };
    this.topics.set(id, this.topic);
    this.part = this.last = undefined;
  }

  private describe(topic: TextTopic, text: string, at: SourceLocation): void {
    if (topic.description === undefined) topic.description = text;
    else if (topic.description !== text)
      this.log.bend(
        "dropped",
        at,
        `topic ${topic.id} at level ${this.level}: its description differs from the first one's, which is kept (${quoted(text, 60)})`,
      );
  }

  /** The topic's group of this name, made on first use; its id unique across the page's competencies. */
  private partOf(topic: TextTopic, name: string): TextPart {
    const found = topic.parts.find((p) => p.name === name);
    if (found) return found;
    const slug = slugify(name);
    let id = this.used.has(slug) ? `${topic.id}-${slug}` : slug;
    for (let n = 2; this.used.has(id); n++) id = `${slug}-${n}`;
    this.used.add(id);
    const part = { id, name, cells: new Map<number, Criterion[]>() };
    topic.parts.push(part);
    return part;
  }
}

export function readTextPage(file: string, body: string, firstLine: number, log: ImportLog): TextPage {
  const reader = new TextReader(log);
  for (const [i, line] of body.split(/\r?\n/).entries()) reader.line(line, { file, line: firstLine + i });
  for (const { part, level, texts, examples } of reader.read) {
    const text = texts.join(" ");
    const cell = part.cells.get(level) ?? [];
    cell.push(examples.length ? { text, examples } : text);
    part.cells.set(level, cell);
  }
  const levels = [...reader.levels];
  return {
    first: levels.length ? Math.min(...levels) : 0,
    last: levels.length ? Math.max(...levels) : 0,
    topics: [...reader.topics.values()],
    intro: reader.intro.join("\n"),
  };
}
