/**
 * What a CASE package from elsewhere holds that `rungs import case` does not read, so nothing is lost
 * without a word: each document field, item field and association the import passes over, once, at its
 * first use, with how many hold it (a `dropped` bend each).
 */
import { ITEM_TYPES } from "../export/case-types.js";
import type { CaseBend, CasePackageData } from "./case-package.js";

/** The CASE fields of the document and of an item a package from elsewhere is read by. */
const READ_DOCUMENT_FIELDS = [
  "identifier",
  "uri",
  "title",
  "creator",
  "publisher",
  "description",
  "version",
  "lastChangeDateTime",
  "CFPackageURI",
  "extensions",
];
const READ_ITEM_FIELDS = [
  "identifier",
  "uri",
  "fullStatement",
  "humanCodingScheme",
  "notes",
  "alternativeLabel",
  "CFItemType",
  "CFItemTypeURI",
  "CFDocumentURI",
  "lastChangeDateTime",
  "extensions",
];
/** The associations that place items, and the item type each is read from (any, for isChildOf). */
const READ_ASSOCIATIONS: Record<string, string | undefined> = {
  isChildOf: undefined,
  precedes: ITEM_TYPES.level,
  isRelatedTo: ITEM_TYPES.role,
};

export function unread(pkg: CasePackageData): CaseBend[] {
  const first = new Map<string, { at: string; count: number; message: (count: number) => string }>();
  const note = (key: string, at: string, message: (count: number) => string) => {
    const seen = first.get(key);
    if (seen) seen.count++;
    else first.set(key, { at, count: 1, message });
  };
  const doc = pkg.CFDocument;
  for (const key of Object.keys(doc))
    if (!READ_DOCUMENT_FIELDS.includes(key) && doc[key] !== undefined)
      note(`document ${key}`, `CFDocument.${key}`, () => `${key} is not read`);
  if (doc.publisher !== undefined && doc.creator !== undefined && doc.creator !== doc.publisher)
    note(
      "document creator",
      "CFDocument.creator",
      () => "creator is not read: the organization is the publisher",
    );
  const items = pkg.CFItems.length;
  pkg.CFItems.forEach((item, i) => {
    // an item without a fullStatement is named by its abbreviatedStatement (case.ts)
    const read = item.fullStatement.trim() ? READ_ITEM_FIELDS : [...READ_ITEM_FIELDS, "abbreviatedStatement"];
    for (const key of Object.keys(item))
      if (!read.includes(key) && (item as Record<string, unknown>)[key] !== undefined)
        note(`item ${key}`, `CFItems[${i}]`, (n) => `${key} is not read (on ${n} of ${items} items)`);
  });
  const typeOf = new Map(pkg.CFItems.map((item) => [item.identifier, item.CFItemType]));
  pkg.CFAssociations.forEach((a, i) => {
    const type = a.associationType;
    const from = Object.hasOwn(READ_ASSOCIATIONS, type) ? READ_ASSOCIATIONS[type] : null;
    if (from === null)
      note(`association ${type}`, `CFAssociations[${i}]`, (n) => `${type} associations are not read (${n})`);
    else if (from !== undefined && typeOf.get(a.originNodeURI.identifier) !== from)
      note(
        `association ${type} of others`,
        `CFAssociations[${i}]`,
        (n) => `${type} associations are read only from ${from} items: ${n} from others are not read`,
      );
  });
  if ((pkg as { CFDefinitions?: unknown }).CFDefinitions !== undefined)
    note(
      "definitions",
      "CFDefinitions",
      () => "CFDefinitions are not read (rungs reads the items' own types)",
    );
  return [...first.values()].map(({ at, count, message }) => ({
    kind: "dropped" as const,
    at,
    message: message(count),
  }));
}
