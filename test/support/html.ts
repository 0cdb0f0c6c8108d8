/**
 * The HTML of the element with this id in a page, from its start tag to its matching end tag (nested elements
 * of the same tag counted), or "" when no element has the id. A string scan, enough for pages rungs renders:
 * well-formed, no `>` inside attribute values of the element's tag.
 */
export function elementById(body: string, id: string): string {
  const start = body.search(new RegExp(`<(\\w+)[^>]*\\sid="${id}"`));
  if (start < 0) return "";
  const tag = /^<(\w+)/.exec(body.slice(start))?.[1] ?? "div";
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = start;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return body.slice(start, m.index + m[0].length);
  }
  return body.slice(start);
}
