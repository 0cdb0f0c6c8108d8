/**
 * The parts of a 1EdTech CASE 1.1 package rungs writes and reads (docs/export.md, "CASE"). Field names are
 * the specification's; `extensions.rungs` (CASE 1.1 extensibility) carries what the standard fields cannot
 * hold, so a rungs framework comes back whole from its own export.
 */

/** A link to another CASE object: its title, UUID and URI. */
export interface LinkGenUri {
  title: string;
  identifier: string;
  uri: string;
}

/** What rungs keeps beside the standard fields, under `extensions.rungs`. */
export type RungsExtension = Record<string, unknown>;

export interface Extensible {
  extensions?: { rungs?: RungsExtension } & Record<string, unknown>;
}

export interface CfDocument extends Extensible {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  officialSourceURL?: string;
  publisher?: string;
  description?: string;
  version?: string;
  adoptionStatus?: string;
  language?: string;
  notes?: string;
  frameworkType?: string;
  caseVersion?: "1.1";
  CFPackageURI?: LinkGenUri;
}

export interface CfItem extends Extensible {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  CFDocumentURI: LinkGenUri;
  alternativeLabel?: string;
  CFItemType?: string;
  CFItemTypeURI?: LinkGenUri;
  humanCodingScheme?: string;
  listEnumeration?: string;
  abbreviatedStatement?: string;
  notes?: string;
  language?: string;
}

export const ASSOCIATION_TYPES = [
  "isChildOf",
  "isPeerOf",
  "isPartOf",
  "exactMatchOf",
  "precedes",
  "isRelatedTo",
  "replacedBy",
  "exemplar",
  "hasSkillLevel",
  "isTranslationOf",
] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

export interface CfAssociation extends Extensible {
  identifier: string;
  uri: string;
  associationType: AssociationType;
  sequenceNumber?: number;
  originNodeURI: LinkGenUri;
  destinationNodeURI: LinkGenUri;
  lastChangeDateTime: string;
  CFDocumentURI?: LinkGenUri;
  notes?: string;
}

export interface CfRubricCriterionLevel extends Extensible {
  identifier: string;
  uri: string;
  description?: string;
  quality?: string;
  score?: number;
  feedback?: string;
  position?: number;
  rubricCriterionId?: string;
  lastChangeDateTime: string;
}

export interface CfRubricCriterion extends Extensible {
  identifier: string;
  uri: string;
  category?: string;
  description?: string;
  CFItemURI?: LinkGenUri;
  weight?: number;
  position?: number;
  rubricId?: string;
  lastChangeDateTime: string;
  CFRubricCriterionLevels?: CfRubricCriterionLevel[];
}

export interface CfRubric extends Extensible {
  identifier: string;
  uri: string;
  title?: string;
  description?: string;
  lastChangeDateTime: string;
  CFRubricCriteria?: CfRubricCriterion[];
}

export interface CfItemType {
  identifier: string;
  uri: string;
  title: string;
  description: string;
  hierarchyCode: string;
  typeCode?: string;
  lastChangeDateTime: string;
}

export interface CfPackage {
  CFDocument: CfDocument;
  CFItems: CfItem[];
  CFAssociations: CfAssociation[];
  CFDefinitions?: { CFItemTypes?: CfItemType[] };
  CFRubrics?: CfRubric[];
}

/** The CFItemType of each kind of rungs entity an export writes. */
export const ITEM_TYPES = {
  track: "Track",
  level: "Level",
  area: "Area",
  competency: "Competency",
  role: "Role",
} as const;
export type ItemKind = keyof typeof ITEM_TYPES;
