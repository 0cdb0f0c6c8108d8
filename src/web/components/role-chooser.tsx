/** The form that picks two roles of a framework to compare (or one more role, beside a fixed one). */
import type { FC } from "hono/jsx";
import type { FrameworkIndex } from "../../core/model.js";
import { paths } from "../links.js";
import { useLinks } from "./page.js";

/**
 * A GET form: the server redirects ?a=&b= to the path form; in a static site the compare-form island builds
 * the path in the browser from `data-compare-pattern`.
 */
export const RoleChooser: FC<{
  index: FrameworkIndex;
  a?: string | undefined;
  b?: string | undefined;
  fixedA?: boolean;
}> = ({ index, a, b, fixedA }) => {
  const links = useLinks();
  const fw = index.framework;
  const roles = [...index.roles.values()];
  const first = a && index.roles.has(a) ? a : roles[0]?.id;
  const second = b && index.roles.has(b) ? b : roles.find((r) => r.id !== first)?.id;
  // declared families in order, then any family a role names without declaring it
  const families = new Map((fw.families ?? []).map((f) => [f.id, f.name]));
  for (const r of roles) if (!families.has(r.family)) families.set(r.family, r.family);
  const select = (name: "a" | "b", label: string, chosen: string | undefined) => (
    <div class="field">
      <label for={`compare-role-${name}`}>{label}</label>
      <select id={`compare-role-${name}`} name={name} required>
        {[...families].map(([id, familyName]) => {
          const members = roles.filter((r) => r.family === id && !(fixedA && name === "b" && r.id === a));
          return members.length ? (
            <optgroup label={familyName}>
              {members.map((r) => (
                <option value={r.id} selected={r.id === chosen}>
                  {r.name}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
    </div>
  );
  return (
    <form
      class="compare-chooser"
      method="get"
      action={links.to(paths.compareRolesChooser(fw.id))}
      data-compare-pattern={links.to(paths.compareRoles(fw.id, "{a}", "{b}"))}
    >
      {fixedA && first ? <input type="hidden" name="a" value={first} /> : select("a", "First role", first)}
      {select("b", fixedA ? "Role to compare with" : "Second role", second)}
      <button type="submit">Compare</button>
    </form>
  );
};
