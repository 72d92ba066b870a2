import { Role } from '../entities/enums.js';
import { OrganizationKind } from '../entities/reference-types.js';
import type { RegionPack } from '../region/index.js';

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  organizationCode: string;
  sectors?: string[];
}

/**
 * The demo users of API.md's "Demo mode"; all have the password `demo`. The
 * operator works in the administration of the region's most populous
 * municipality, the ministry's users in the housing sector's responsible body.
 */
export function demoUsers(region: RegionPack): DemoUser[] {
  const largest = [...region.municipalities].sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))[0];
  const administration = region.organizations.find((o) => o.code === `adm-${largest?.code}`);
  const ministry = region.organizations.find((o) => o.kind === OrganizationKind.EXECUTIVE_BODY && o.sectors.includes('housing'));
  return [
    ...CENTER_USERS,
    ...(administration
      ? [{ email: 'operator@demo.local', fullName: `Оператор: ${administration.shortName}`, role: Role.ORG_OPERATOR, organizationCode: administration.code }]
      : []),
    ...(ministry ? MINISTRY_USERS.map((user) => ({ ...user, organizationCode: ministry.code })) : []),
    INTEGRATION_USER,
  ];
}

const CENTER_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.local', fullName: 'Администратор системы', role: Role.ADMIN, organizationCode: 'cur' },
  { email: 'curator@demo.local', fullName: 'Куратор ЦУР (заместитель Председателя Правительства)', role: Role.CURATOR, organizationCode: 'cur' },
  { email: 'head@demo.local', fullName: 'Руководитель ЦУР', role: Role.CENTER_HEAD, organizationCode: 'cur' },
  { email: 'specialist@demo.local', fullName: 'Специалист ЦУР', role: Role.CENTER_SPECIALIST, organizationCode: 'cur' },
  { email: 'analyst@demo.local', fullName: 'Аналитик ЦУР', role: Role.ANALYST, organizationCode: 'cur' },
];
const MINISTRY_USERS: readonly Omit<DemoUser, 'organizationCode'>[] = [
  { email: 'ministry@demo.local', fullName: 'Наблюдатель министерства (ЖКХ)', role: Role.MINISTRY_OBSERVER, sectors: ['housing'] },
  { email: 'sector-lead@demo.local', fullName: 'Ответственный за блок ЖКХ', role: Role.SECTOR_LEAD, sectors: ['housing'] },
  { email: 'sector-specialist@demo.local', fullName: 'Специалист блока ЖКХ', role: Role.SECTOR_SPECIALIST, sectors: ['housing'] },
];
const INTEGRATION_USER: DemoUser = {
  email: 'integration@demo.local',
  fullName: 'Сервисная учётная запись канала ПОС',
  role: Role.INTEGRATION,
  organizationCode: 'cur',
};

export const DEMO_PASSWORD = 'demo';
