/**
 * Flow's type aliases blanked out of a module (positions kept), for the snowflake importer: Medium's
 * constants.js declares `type Tracks = {| … |}`, `$Keys<Tracks>` and `{ [TrackId]: ?string }`, which are
 * Flow's own syntax and which Node's stripTypeScriptTypes (the TypeScript blanker) refuses. An alias is
 * never data: the whole statement (with an `export` before it) goes, from `type` to its end (a `;`, or a
 * new line at the alias's own depth that does not go on with it). The annotations left are blanked by Node.
 */
import * as acorn from "acorn";

const OPENS = new Set(["{", "[", "(", "${"]);
const CLOSES = new Set(["}", "]", ")"]);
/** Tokens after which a type goes on onto the next line (`= `, `|`, `&`, `,`, `<`, `?`, `:`, `=>`). */
const GOES_ON = new Set(["=", "|", "&", ",", "</>/<=/>=", "?", ":", "=>"]);
/** Tokens a next line of a type starts with (`| 'b'`, `& Other`, `> `). */
const GOES_ON_FROM = new Set(["|", "&", "</>/<=/>=", ".", "=>"]);

type Token = acorn.Token & { value?: unknown };
const label = (t: Token | undefined) => t?.type.label ?? "";

/** `type Name =` or `type Name<…` (and `opaque type …`), where a statement may start. */
function aliasAt(tokens: Token[], i: number): boolean {
  const [t, name, after] = [tokens[i], tokens[i + 1], tokens[i + 2]];
  if (label(t) !== "name" || t?.value !== "type" || label(name) !== "name") return false;
  return label(after) === "=" || (label(after) === "</>/<=/>=" && after?.value === "<");
}

/** The index just past the alias starting at `i`. */
function aliasEnd(text: string, tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (OPENS.has(label(t))) depth++;
    else if (CLOSES.has(label(t))) depth--;
    if (depth > 0) continue;
    if (label(t) === ";") return j + 1;
    const next = tokens[j + 1];
    if (!next) return j + 1;
    const newLine = text.slice(t.end, next.start).includes("\n");
    if (newLine && !GOES_ON.has(label(t)) && !GOES_ON_FROM.has(label(next))) return j + 1;
  }
  return tokens.length;
}

export function blankFlowAliases(text: string): string {
  let tokens: Token[];
  try {
    tokens = [...acorn.tokenizer(text, { ecmaVersion: "latest", sourceType: "module" })] as Token[];
  } catch {
    return text;
  }
  const spans: [number, number][] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (depth === 0 && aliasAt(tokens, i)) {
      const previous = tokens[i - 1];
      const opaque = previous?.value === "opaque" ? 1 : 0;
      const exported = label(tokens[i - 1 - opaque]) === "export";
      const start = (tokens[i - opaque - (exported ? 1 : 0)] as Token).start;
      const end = aliasEnd(text, tokens, i);
      spans.push([start, (tokens[end - 1] as Token).end]);
      i = end - 1;
      continue;
    }
    if (OPENS.has(label(t))) depth++;
    else if (CLOSES.has(label(t))) depth--;
  }
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    out += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, " ");
    from = end;
  }
  return out + text.slice(from);
}
