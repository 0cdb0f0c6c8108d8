/** What the architecture routes read from a request: typed text, a chooser's value, unknown ids named. */
export const quoteList = (ids: string[]) => ids.map((id) => `"${id}"`).join(" and ");

/** Text a person typed into a query: at most 200 characters, no control characters. */
export function queryText(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  return value.trim();
}

/** "fw:level" from the chooser, or undefined. */
export function splitChoice(value: string): { fw: string; level: string } | undefined {
  const m = /^([a-z0-9]+(?:[-_.][a-z0-9]+)*):([a-z0-9]+(?:[-_.][a-z0-9]+)*)$/.exec(value);
  return m ? { fw: m[1] as string, level: m[2] as string } : undefined;
}

export function describeUnknown(unknown: string[]): string {
  return unknown
    .map((u) => {
      const parts = u.split("/");
      if (parts.length === 1) return `framework "${u}"`;
      if (parts.length === 2) return `level or role "${parts[1]}" in ${parts[0]}`;
      return `level "${parts[2]}" of role "${parts[1]}" in ${parts[0]}`;
    })
    .join(" and ");
}
