/** A hostile file for `rungs import ft`: cheap to write, dear for the `yaml` library to read. */

/** An FT file in flow style of at least `bytes`, one short competency after another on one line. */
export function hostileFt(bytes: number): Uint8Array<ArrayBuffer> {
  const parts = ["{name: Hostile, levels: [{id: a, name: A}], themes: [{id: t, name: T}], competencies: ["];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const entry = `{id: c${i}, level: a, theme: t, summary: s${i}, proficiency: Awareness}, `;
    parts.push(entry);
    size += entry.length;
  }
  parts.push("]}\n");
  return new TextEncoder().encode(parts.join(""));
}
