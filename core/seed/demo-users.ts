import { Role } from '../entities/enums.js';
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
 * ЦУР's own staff are the core's (every pack has the centre `cur`); the users
 * bound to the region's bodies (the operator of an administration, the
 * ministry's sector users) are the pack's demo-users.json. A pack's row with
 * the e-mail of a ЦУР user replaces it.
 */
export function demoUsers(region: RegionPack): DemoUser[] {
  const listed = new Set(region.demo.users.map((user) => user.email));
  return [...CENTER_USERS.filter((user) => !listed.has(user.email)), ...region.demo.users];
}

const CENTER_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.local', fullName: 'Администратор системы', role: Role.ADMIN, organizationCode: 'cur' },
  { email: 'curator@demo.local', fullName: 'Куратор ЦУР (заместитель Председателя Правительства)', role: Role.CURATOR, organizationCode: 'cur' },
  { email: 'head@demo.local', fullName: 'Руководитель ЦУР', role: Role.CENTER_HEAD, organizationCode: 'cur' },
  { email: 'specialist@demo.local', fullName: 'Специалист ЦУР', role: Role.CENTER_SPECIALIST, organizationCode: 'cur' },
  { email: 'analyst@demo.local', fullName: 'Аналитик ЦУР', role: Role.ANALYST, organizationCode: 'cur' },
  { email: 'integration@demo.local', fullName: 'Сервисная учётная запись канала ПОС', role: Role.INTEGRATION, organizationCode: 'cur' },
];

export const DEMO_PASSWORD = 'demo';
