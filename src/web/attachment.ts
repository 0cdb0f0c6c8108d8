/**
 * The one way a download's Content-Disposition is written (RFC 6266): `attachment`, a plain ASCII
 * `filename="..."` for old clients, and `filename*=UTF-8''...` with the whole name percent-encoded (RFC 8187)
 * for the rest, which prefer it. Whatever the name holds (quotes, backslashes, CR/LF, other controls,
 * non-ASCII, a lone surrogate, 10,000 characters) the header stays one valid line of bounded length.
 */

/** The most characters of a file name kept; a longer one is cut before its extension. */
export const FILENAME_MAX_LENGTH = 150;

/** What the quoted fallback cannot hold: controls, quotes and backslashes (removed), anything not ASCII (as `_`). */
const UNQUOTABLE = /[\u0000-\u001f\u007f-\u009f"\\]/g;
const NOT_ASCII = /[^\u0020-\u007e]/g;
/** Characters encodeURIComponent leaves that RFC 8187's attr-char does not allow. */
const NOT_ATTR_CHAR = /['()*]/g;

export function attachment(name: string): string {
  const kept = bounded(name.toWellFormed().replace(UNQUOTABLE, "").trim()) || "download";
  const ascii = kept.replace(NOT_ASCII, "_");
  const encoded = encodeURIComponent(kept).replace(
    NOT_ATTR_CHAR,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** `name` cut to FILENAME_MAX_LENGTH code points, its extension (a short last `.xyz`) kept. */
function bounded(name: string): string {
  const chars = [...name];
  if (chars.length <= FILENAME_MAX_LENGTH) return name;
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? "";
  return chars.slice(0, FILENAME_MAX_LENGTH - ext.length).join("") + ext;
}
