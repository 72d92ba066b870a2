import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Organization, Role, Sector, User } from '../entities/index.js';
import { badInput, notFound } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';
import { hashPassword } from './password.js';
import { assertPasswordPolicy } from './password-policy.js';
import { normalizeEmail } from './login-throttle.js';
import type { CreateUserInput, UpdateUserInput } from './user-admin.input.js';

/** Roles whose access is by sector: they need at least one sector. */
const SECTOR_ROLES: ReadonlySet<Role> = new Set([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Shape {
  role: Role;
  organizationId: string | null;
  sectors: string[];
}

/** What a role needs to see anything: an operator its body, a sector role its sectors (all of them known). */
async function checkShape(em: EntityManager, shape: Shape): Promise<void> {
  if (shape.role === Role.ORG_OPERATOR && !shape.organizationId) {
    throw badInput('input.organizationId', 'Оператору организации нужна организация');
  }
  if (shape.organizationId && !(await em.count(Organization, { id: shape.organizationId }))) {
    throw badInput('input.organizationId', 'Организация не найдена');
  }
  if (SECTOR_ROLES.has(shape.role) && !shape.sectors.length) {
    throw badInput('input.sectors', 'Для этой роли нужен хотя бы один отраслевой блок');
  }
  if (shape.sectors.length) {
    const known = new Set((await em.find(Sector, { code: { $in: shape.sectors } })).map((sector) => sector.code));
    const unknown = shape.sectors.filter((code) => !known.has(code));
    if (unknown.length) throw badInput('input.sectors', `Неизвестные отраслевые блоки: ${unknown.join(', ')}`);
  }
}

function checkFullName(fullName: string): string {
  const trimmed = fullName.trim();
  if (!trimmed || trimmed.length > 300) throw badInput('input.fullName', 'Укажите ФИО (до 300 символов)');
  return trimmed;
}

const uniqueSectors = (sectors: string[] | null | undefined) => [...new Set((sectors ?? []).map((s) => s.trim()).filter(Boolean))];

export async function createUser(em: EntityManager, input: CreateUserInput, now: Date): Promise<User> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254) throw badInput('input.email', 'Некорректный e-mail');
  const fullName = checkFullName(input.fullName);
  const shape: Shape = { role: input.role, organizationId: input.organizationId ?? null, sectors: uniqueSectors(input.sectors) };
  await checkShape(em, shape);
  assertPasswordPolicy(input.password, email, 'input.password');
  if (await em.count(User, { email })) throw badInput('input.email', 'Пользователь с таким e-mail уже есть');
  const user = em.create(User, {
    email,
    fullName,
    role: shape.role,
    organization: shape.organizationId,
    sectors: shape.sectors,
    passwordHash: await hashPassword(input.password),
    active: true,
    tokenVersion: 0,
    createdAt: now,
  });
  try {
    await em.flush();
  } catch (error) {
    // Two administrators creating the same e-mail at once: the database decides.
    if (error instanceof UniqueConstraintViolationException) throw badInput('input.email', 'Пользователь с таким e-mail уже есть');
    throw error;
  }
  return user;
}

/**
 * Applies an administrator's changes in one transaction. A change of
 * password, role, organization, sectors or a deactivation bumps the token
 * version: the user's earlier tokens stop working at once.
 */
export async function updateUser(em: EntityManager, admin: AuthUser, id: string, input: UpdateUserInput): Promise<User> {
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!user) throw notFound('Пользователь', id);
    const shape: Shape = {
      role: input.role ?? user.role,
      organizationId: input.organizationId !== undefined ? input.organizationId : (user.organization?.id ?? null),
      sectors: input.sectors != null ? uniqueSectors(input.sectors) : user.sectors,
    };
    if (user.id === admin.id && (shape.role !== user.role || input.active === false)) {
      throw badInput('id', 'Нельзя отключить себя или сменить себе роль: это сделает другой администратор');
    }
    await checkShape(tx as EntityManager, shape);
    const securityChange =
      shape.role !== user.role ||
      shape.organizationId !== (user.organization?.id ?? null) ||
      shape.sectors.join(',') !== user.sectors.join(',') ||
      (input.active != null && input.active !== user.active) ||
      input.password != null;
    if (input.fullName != null) user.fullName = checkFullName(input.fullName);
    if (input.password != null) {
      assertPasswordPolicy(input.password, user.email, 'input.password');
      user.passwordHash = await hashPassword(input.password);
    }
    user.role = shape.role;
    user.organization = shape.organizationId ? tx.getReference(Organization, shape.organizationId, { wrapped: true }) : null;
    user.sectors = shape.sectors;
    if (input.active != null) user.active = input.active;
    if (securityChange) user.tokenVersion += 1;
    return user;
  });
}
