/** Kinds of organization that answer appeals (the decree, clause 1). */
export enum OrganizationKind {
  EXECUTIVE_BODY = 'EXECUTIVE_BODY',
  MUNICIPAL_ADMINISTRATION = 'MUNICIPAL_ADMINISTRATION',
  STATE_INSTITUTION = 'STATE_INSTITUTION',
  MUNICIPAL_INSTITUTION = 'MUNICIPAL_INSTITUTION',
  REGIONAL_OPERATOR = 'REGIONAL_OPERATOR',
  CENTER = 'CENTER',
}

export enum MunicipalityKind {
  CITY_DISTRICT = 'CITY_DISTRICT',
  MUNICIPAL_DISTRICT = 'MUNICIPAL_DISTRICT',
}

export interface MunicipalityReference {
  /** Stable latin code, e.g. `lugovoy`, `berezovsky`. */
  code: string;
  /** Official Russian name, e.g. «Городской округ "Город Луговой"». */
  name: string;
  /** Short Russian name used in labels, e.g. «Луговой», «Берёзовский район». */
  shortName: string;
  nameEn: string;
  kind: MunicipalityKind;
  population: number;
  /** The administrative centre (town or village), in Russian. */
  center: string;
  /**
   * Word forms by which residents name it in free text, in every case:
   * «Луговой», «Лугового», «в Луговом»; «Берёзовский район»,
   * «Берёзовского района», «в Берёзовском районе», «Берёзовка»...
   */
  nameForms: string[];
  /** Towns and villages of the municipality, in the nominative, for recognition in text. */
  settlements: string[];
}

export interface OrganizationReference {
  /** Stable latin code, e.g. `cur`, `adm-lugovoy`, `min-health`. */
  code: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  parentCode?: string;
  municipalityCode?: string;
  /** Sector codes (plugin codes) the body answers for. */
  sectors: string[];
  /** Roles the body takes (plugins' `responsibleBody.role`). */
  roles: string[];
  /** True where the name is invented for demo purposes. */
  demo?: boolean;
}
