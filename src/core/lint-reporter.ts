/**
 * What every lint rule reports through: the framework's own severity settings applied, each finding
 * located at the node it is about, and one did-you-mean budget for the whole run.
 */
import type { Diagnostic, Locator } from "./diagnostics.js";
import { LINT_RULES, type LintRule, type RuleCode } from "./lint-rules.js";
import type { RuleSetting } from "./schema.js";
import { SUGGESTION_BUDGET, SuggestionBudget } from "./text.js";

export const RULES = new Map<string, LintRule>(LINT_RULES.map((r) => [r.code, r]));

export type Key = string | number;

/** A rule's finding: its code, the node it is about (`owner`, and `key` in it), message and hint. */
type Finding = [
  code: RuleCode,
  owner: object,
  key: Key | undefined,
  message: string,
  hint?: string,
  on?: "key" | "value",
];

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  /** Shared by every did-you-mean of this run. */
  readonly suggestions = new SuggestionBudget(SUGGESTION_BUDGET);
  constructor(
    readonly locator: Locator,
    private readonly settings: Record<string, RuleSetting>,
  ) {}

  report(...finding: Finding): void {
    this.insert(this.diagnostics.length, ...finding);
  }

  /**
   * Reports at position `at` of the findings so far, as if it had been reported when there were that many:
   * for a finding that waited for something loaded later, so the order stays what it always was.
   */
  insert(at: number, ...[code, owner, key, message, hint, on]: Finding): void {
    const setting = this.settings[code] ?? RULES.get(code)?.severity ?? "error";
    if (setting === "off") return;
    this.diagnostics.splice(at, 0, {
      code,
      severity: setting,
      message,
      ...this.locator.locate(owner, key, on),
      ...(hint ? { hint } : {}),
    });
  }
}
