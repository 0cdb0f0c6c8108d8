/**
 * YAML text → a composed document, within bounds, with syntax errors located at their cause.
 *
 * The `yaml` library is driven here token by token (lexer → parser → composer, as its `parseDocument` does)
 * so that nesting depth is bounded while the text is parsed: 10,000 nested `[` ran the process out of
 * memory inside the library, and even a million costs it seconds, so the depth is checked on the parser's
 * own stack after every token, before any deeper work is done.
 */
import type { CST, Document, YAMLError } from "yaml";
import type { Diagnostic } from "../core/diagnostics.js";
import type { LoadLimits } from "./limits.js";
import type { LinePositions } from "./line-positions.js";
import { yamlLibrary } from "./yaml-library.js";

export interface ParsedYaml {
  /** The document; undefined when the text was not composed (nested too deep). */
  doc: Document.Parsed | undefined;
  diagnostics: Diagnostic[];
  /** False when a syntax error or a bound means the document's values cannot be trusted. */
  sound: boolean;
}

/**
 * Counts the entries of a YAML text from its lexer's tokens: in block style each `:` and `-` is one, in a
 * flow collection its bracket and each comma after it (a quoted or block text's colons and commas are
 * inside one token, so no entries). Imports bound their YAML inputs with it too.
 */
export class EntryCount {
  entries = 0;
  private flow = 0;

  add(token: string): void {
    if (token === "{" || token === "[") this.flow++;
    else if (token === "}" || token === "]") this.flow--;
    if (token === "{" || token === "[" || token === "," || (!this.flow && (token === ":" || token === "-")))
      this.entries++;
  }
}

// The parser's stack holds the document and the scalar being read on top of one entry per open collection.
const STACK_BESIDES_COLLECTIONS = 2;

/** Parses one file's text. Never throws. */
export function parseYaml(file: string, text: string, lines: LinePositions, limits: LoadLimits): ParsedYaml {
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, path: "" };
  };
  const diagnostics = checkCharacters(text, at);

  const { Lexer, Parser } = yamlLibrary();
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const count = new EntryCount();
  for (const lexeme of new Lexer().lex(text)) {
    const offset = parser.offset;
    count.add(lexeme);
    if (count.entries > limits.entries) {
      diagnostics.push({
        code: "too-large",
        severity: "error",
        message: `this file holds more than ${limits.entries.toLocaleString("en")} entries (key: value pairs and list items)`,
        ...at(offset),
        hint: "that is over the limit for one file; it is not read further (split it into a directory of fragments)",
      });
      return { doc: undefined, diagnostics, sound: false };
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > limits.depth + STACK_BESIDES_COLLECTIONS) {
      diagnostics.push({
        code: "too-deep",
        severity: "error",
        message: `mappings and lists are nested more than ${limits.depth} deep here`,
        ...at(offset),
        hint: `the limit is ${limits.depth} levels of nesting; the file is not read further`,
      });
      return { doc: undefined, diagnostics, sound: false };
    }
  }
  for (const token of parser.end()) tokens.push(token);

  const { doc, second } = composeFirst(tokens, text.length);
  if (second !== undefined) {
    diagnostics.push({
      code: "yaml-syntax",
      severity: "error",
      message: "a second YAML document: a framework file holds one",
      ...at(second),
      hint: "remove the `---` line, or move what follows it into a file of its own",
    });
    return { doc, diagnostics, sound: false };
  }
  if (!doc) return { doc, diagnostics, sound: false };

  const syntax = syntaxErrors(text, tokens, doc.errors, at);
  diagnostics.push(...syntax);
  const version = doc.directives?.yaml;
  if (version?.explicit && version.version !== "1.2") {
    const offset = Math.max(0, text.search(/^%YAML/m));
    diagnostics.push({
      code: "yaml-unsupported",
      severity: "error",
      message: `YAML ${version.version} is not supported here: framework files are read as YAML 1.2`,
      ...at(offset),
      hint: "remove the %YAML line (YAML 1.1 reads yes, no and dates differently)",
    });
  }
  return { doc, diagnostics, sound: syntax.length === 0 };
}

/**
 * The first document the tokens compose, and where a second one starts. The composer makes an Error object
 * for every problem it meets, where one is all we report: 35,000 stray brackets cost 35,000 stack traces,
 * most of a second, so none are captured while it runs (it throws nothing; a fault would lose its stack).
 */
function composeFirst(tokens: CST.Token[], end: number): { doc?: Document.Parsed; second?: number } {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    let doc: Document.Parsed | undefined;
    for (const next of new (yamlLibrary().Composer)({ prettyErrors: false, uniqueKeys: false }).compose(
      tokens,
      true,
      end,
    )) {
      if (doc) return { doc, second: next.range[0] };
      doc = next;
    }
    return doc ? { doc } : {};
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

type At = (offset: number) => Pick<Diagnostic, "file" | "line" | "column" | "path">;

/**
 * The syntax errors worth reading. The parser notices an unclosed bracket or quote only where the file
 * ends, so that is pointed at where it was opened; any error before it is reported too. Errors after the
 * first are mostly echoes of it and are left out.
 */
function syntaxErrors(text: string, tokens: CST.Token[], errors: YAMLError[], at: At): Diagnostic[] {
  const out: Diagnostic[] = [];
  // an unclosed bracket or quote always leaves an error where the file ends: without errors, nothing to find
  if (!errors.length) return out;
  const unclosed = firstUnclosed(tokens);
  const first = errors[0];
  if (first && (!unclosed || first.pos[0] < unclosed.offset)) {
    const { offset, message, hint } = describeSyntaxError(text, first);
    out.push({ code: "yaml-syntax", severity: "error", message, ...at(offset), ...withHint(hint) });
  }
  if (unclosed) {
    const what =
      unclosed.opener === "[" || unclosed.opener === "{" ? unclosed.opener : `${unclosed.opener} quote`;
    out.push({
      code: "yaml-syntax",
      severity: "error",
      message: `this ${what} is never closed`,
      ...at(unclosed.offset),
      hint: `close it with ${CLOSERS[unclosed.opener]}; everything after it was read as part of it`,
    });
  }
  return out;
}

const CLOSERS: Record<string, string> = { "[": "]", "{": "}", '"': '"', "'": "'" };

/** The first flow collection or quoted text, in file order, that runs to the end without being closed. */
function firstUnclosed(tokens: CST.Token[]): { offset: number; opener: string } | undefined {
  const stack = [...tokens].reverse();
  const pushItems = (items: CST.CollectionItem[]) => {
    for (let i = items.length - 1; i >= 0; i--) {
      const item = items[i] as CST.CollectionItem;
      if (item.value) stack.push(item.value);
      if (item.key) stack.push(item.key);
    }
  };
  for (let token = stack.pop(); token; token = stack.pop()) {
    switch (token.type) {
      case "document":
        if (token.value) stack.push(token.value);
        break;
      case "block-map":
      case "block-seq":
        pushItems(token.items);
        break;
      case "flow-collection":
        if (token.end[0]?.source !== CLOSERS[token.start.source]) {
          return { offset: token.start.offset, opener: token.start.source };
        }
        pushItems(token.items);
        break;
      case "double-quoted-scalar":
      case "single-quoted-scalar":
        if (!isClosedQuote(token.source)) return { offset: token.offset, opener: token.source[0] as string };
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** `"…"` closed unless its last quote is escaped by an odd run of backslashes; `'…'` by an odd run of quotes. */
function isClosedQuote(source: string): boolean {
  const quote = source[0];
  if (source.length < 2 || source[source.length - 1] !== quote) return false;
  const escaper = quote === '"' ? "\\" : "'";
  let run = 0;
  for (let i = source.length - 2; i >= 1 && source[i] === escaper; i--) run++;
  // In single quotes a pair of quotes is one escaped quote, so the same even run leaves the last one closing.
  return run % 2 === 0;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

function withHint(hint: string | undefined): { hint?: string } {
  return hint ? { hint } : {};
}

/**
 * The library's words for an error, or ours where its words name the grammar rather than the mistake. Its
 * BLOCK_AS_IMPLICIT_KEY is three mistakes: a "- " item indented short of its list, a text holding ": ", and
 * a key indented past the one above it (which makes it more of the value above, where the error is placed;
 * it is reported on its own line).
 */
function describeSyntaxError(
  text: string,
  error: YAMLError,
): { offset: number; message: string; hint?: string } {
  const offset = error.pos[0];
  if (error.code !== "BLOCK_AS_IMPLICIT_KEY") {
    return { offset, message: firstLine(error.message), hint: syntaxHint(error.code) };
  }
  const newline = text.indexOf("\n", offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const rest = text.slice(offset, lineEnd).trimEnd();
  if (/^\s*-( |$)/.test(rest)) {
    return {
      offset: offset + (rest.length - rest.trimStart().length),
      message: 'a list item ("- ") where a key was expected',
      hint: 'check the indentation: line the "-" up with the other items of its list',
    };
  }
  if (/:(\s|$)/.test(rest)) {
    return {
      offset,
      message: 'this text holds ": ", which YAML reads as a key and its value',
      hint:
        rest.length > 60
          ? 'put the whole text in quotes: "…"'
          : `put the whole text in quotes: "${rest.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`,
    };
  }
  const next = /\S/.exec(text.slice(lineEnd));
  return {
    offset: next ? lineEnd + next.index : offset,
    message: "this line is indented more than the line above it, so it reads as more of the value above",
    hint: "line its key up with the key above it; if it continues a text, put the whole text in quotes",
  };
}

function syntaxHint(code: string): string | undefined {
  switch (code) {
    case "BAD_INDENT":
    case "MISSING_CHAR":
      return "check the indentation and the closing bracket or quote on this line";
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "MULTILINE_IMPLICIT_KEY":
      return "a key must fit on one line; is a colon or a quote missing above?";
    default:
      return undefined;
  }
}

// What YAML 1.2 does not allow in a file (outside c-printable): C0 controls but tab, newline and carriage
// return; DEL and the C1 controls but NEL; lone surrogates; U+FFFE and U+FFFF. U+FFFD is what a decoder
// leaves for bytes that are not UTF-8.
const NOT_PRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffd\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The first character of `text` a YAML file may not hold, or undefined. */
export function firstUnprintable(text: string): string | undefined {
  NOT_PRINTABLE.lastIndex = 0;
  const found = NOT_PRINTABLE.exec(text)?.[0];
  NOT_PRINTABLE.lastIndex = 0;
  return found;
}

/** One diagnostic for the first character a YAML file may not hold, with how many more there are. */
function checkCharacters(text: string, at: At): Diagnostic[] {
  NOT_PRINTABLE.lastIndex = 0;
  const first = NOT_PRINTABLE.exec(text);
  if (!first) return [];
  let more = 0;
  while (NOT_PRINTABLE.exec(text)) more++;
  const ch = first[0];
  const code = `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0")}`;
  const others = more ? ` (and ${more} more in this file)` : "";
  if (ch === "\ufffd") {
    return [
      {
        code: "invalid-character",
        severity: "error",
        message: `the file is not valid UTF-8 here${others}`,
        ...at(first.index),
        hint: text.startsWith("\ufffd\ufffd")
          ? "the file looks like UTF-16: save it as UTF-8"
          : "save the file as UTF-8 (bytes that are not UTF-8 read as U+FFFD, the replacement character)",
      },
    ];
  }
  const what = /[\ud800-\udfff]/.test(ch) ? `a lone surrogate (${code})` : `the control character ${code}`;
  return [
    {
      code: "invalid-character",
      severity: "error",
      message: `${what} is not allowed in a YAML file${others}`,
      ...at(first.index),
      hint: "delete it: it is invisible in most editors, and usually comes from pasting or a wrong encoding",
    },
  ];
}
