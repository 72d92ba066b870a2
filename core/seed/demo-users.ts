import { Role } from '../entities/enums.js';

export interface DemoUser {
  email: string;
  fullName: string;
  role: Role;
  organizationCode: string;
  sectors?: string[];
}

/** The demo users of API.md's "Demo mode"; all have the password `demo`. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.local', fullName: 'Администратор системы', role: Role.ADMIN, organizationCode: 'cur' },
  { email: 'curator@demo.local', fullName: 'Куратор ЦУР (заместитель Председателя Правительства)', role: Role.CURATOR, organizationCode: 'cur' },
  { email: 'head@demo.local', fullName: 'Руководитель ЦУР', role: Role.CENTER_HEAD, organizationCode: 'cur' },
  { email: 'specialist@demo.local', fullName: 'Специалист ЦУР', role: Role.CENTER_SPECIALIST, organizationCode: 'cur' },
  { email: 'analyst@demo.local', fullName: 'Аналитик ЦУР', role: Role.ANALYST, organizationCode: 'cur' },
  { email: 'operator@demo.local', fullName: 'Оператор администрации г. Йошкар-Олы', role: Role.ORG_OPERATOR, organizationCode: 'adm-yoshkar-ola' },
  { email: 'ministry@demo.local', fullName: 'Наблюдатель министерства (ЖКХ)', role: Role.MINISTRY_OBSERVER, organizationCode: 'min-construction', sectors: ['housing'] },
  { email: 'sector-lead@demo.local', fullName: 'Ответственный за блок ЖКХ', role: Role.SECTOR_LEAD, organizationCode: 'min-construction', sectors: ['housing'] },
  { email: 'sector-specialist@demo.local', fullName: 'Специалист блока ЖКХ', role: Role.SECTOR_SPECIALIST, organizationCode: 'min-construction', sectors: ['housing'] },
  { email: 'integration@demo.local', fullName: 'Сервисная учётная запись канала ПОС', role: Role.INTEGRATION, organizationCode: 'cur' },
];

export const DEMO_PASSWORD = 'demo';
