/**
 * The house rule on function length (issue 13.8): no function, arrow function or method in `src/` is longer
 * than 80 lines unless a comment `// long: <reason>` just before it (or before its doc comment) says why it
 * stays whole.
 * Read from the sources with the TypeScript compiler's parser, so the rule needs no list kept by hand.
 */
import { globSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const MAX_LINES = 80;

interface LongFunction {
  file: string;
  name: string;
  line: number;
  lines: number;
  reason?: string;
}

/** The name a reader would look for: the declaration's, or the variable or property an arrow is bound to. */
function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)))
    return parent.name.getText(source);
  if (parent && ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(source);
    return `${callee.length > 40 ? callee.slice(0, 40) : callee}(…)`;
  }
  return "(anonymous)";
}

/**
 * The `// long:` reason among the comments just before the function (above or below its doc comment), or
 * before the statement, property or variable that holds it.
 */
function reasonAbove(node: ts.Node, source: ts.SourceFile): string | undefined {
  let holder: ts.Node = node;
  while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent)) {
    if (ts.isClassDeclaration(holder.parent) || ts.isObjectLiteralExpression(holder.parent)) break;
    if (ts.isCallExpression(holder.parent) || ts.isArrowFunction(holder.parent)) break;
    holder = holder.parent;
  }
  const text = source.getFullText();
  for (const range of ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []) {
    const match = /^\/\/ long: (.+)$/.exec(text.slice(range.pos, range.end).trim());
    if (match) return match[1];
  }
  return undefined;
}

/** Every function-like node over the limit in one file. */
function longFunctions(file: string, text: string): LongFunction[] {
  // read as its extension says: a .ts file read as TSX takes a generic arrow `<T>(…) =>` for markup running
  // on past it, and reported it as one long function
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > MAX_LINES) {
        const reason = reasonAbove(node, source);
        found.push({
          file,
          name: nameOf(node, source),
          line: start + 1,
          lines: length,
          ...(reason ? { reason } : {}),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const SOURCES = globSync(["src/**/*.ts", "src/**/*.tsx"], {
  exclude: ["src/**/*.test.ts", "src/**/*.test.tsx"],
});

describe("function length", () => {
  const all = SOURCES.flatMap((file) => longFunctions(file, readFileSync(file, "utf8")));

  it("finds long functions, arrows and methods, and reads the reason above them", () => {
    const body = Array.from({ length: MAX_LINES }, (_, i) => `  const x${i} = ${i};`).join("\n");
    const text = [
      "const generic = <T>(value: T): T => value;",
      `function plain() {\n${body}\n}`,
      `// long: one table of cases, read top to bottom\nexport const arrow = () => {\n${body}\n};`,
      `// long: a state machine over characters\n/** Parses. */\nfunction documented() {\n${body}\n}`,
      `class K {\n  method() {\n${body}\n  }\n}`,
      `function short() {\n  return 1;\n}`,
    ].join("\n");
    const found = longFunctions("x.ts", text);
    expect(found.map((f) => [f.name, f.reason ?? null])).toEqual([
      ["plain", null],
      ["arrow", "one table of cases, read top to bottom"],
      ["documented", "a state machine over characters"],
      ["method", null],
    ]);
  });

  it("has no function over 80 lines without a `// long:` reason", () => {
    const offenders = all
      .filter((f) => !f.reason)
      .map((f) => `${f.file}:${f.name} (line ${f.line}, ${f.lines} lines)`);
    expect(offenders).toEqual([]);
  });
});
