/** A count with its noun, one or many: `plural(1, "area")` is "1 area", `plural(3, "competency", "competencies")` "3 competencies". */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
