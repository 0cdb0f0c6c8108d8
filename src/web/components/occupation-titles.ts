import { checkOccupationCode } from "../../core/occupations.js";
import type { OccupationTitles } from "../../core/views/role.js";
import type { FrameworkRegistry } from "../../load/registry.js";

/** Occupation titles from the registry's SOC catalog (SOC and O*NET-SOC codes; other schemes have none). */
export function occupationTitles(registry: FrameworkRegistry): OccupationTitles {
  return (scheme, code) => checkOccupationCode(scheme, code, registry.occupations).title;
}
