import { Field, ObjectType, registerEnumType } from 'type-graphql';
import jwt from 'jsonwebtoken';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { derivePurposeKey } from '../auth/purpose-keys.js';
import { pgQuery } from '../db/pg-query.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { monthPeriod } from './report-period.js';

/** The formats the report is rendered in. */
export enum ReportFormat {
  HTML = 'html',
  XLSX = 'xlsx',
  PDF = 'pdf',
}
registerEnumType(ReportFormat, {
  name: 'ReportFormat',
  description: 'Формат файла отчёта',
  valuesConfig: {
    HTML: { description: 'Страница HTML (открывается в браузере)' },
    XLSX: { description: 'Книга Excel: по листу на раздел' },
    PDF: { description: 'Документ PDF для печати и рассылки' },
  },
});

@ObjectType({ description: 'Ссылка на файл отчёта, открываемая без входа в систему: подписана и действует недолго' })
export class ReportDownloadLink {
  @Field(() => String, { description: 'Ссылка: абсолютная, если задан PUBLIC_URL, иначе путь от адреса API' }) url!: string;
  @Field(() => DateTime, { description: 'До какого момента ссылка действует' }) expiresAt!: Date;
}

interface LinkClaims {
  /** The user who asked: the file shows what this user may see, as of the download. */
  sub: string;
  /** The month and the format the link opens, nothing else. */
  m: string;
  f: ReportFormat;
}

/** The audience of download links; with a key of their own (purpose 'report-download'), no other token passes. */
const AUDIENCE = 'cur-report-download';

const keyOf = (app: CoreServices) => derivePurposeKey(app.config.rootSecret, 'report-download');

/** Signs a link to one report file for this user, valid REPORT_LINK_TTL_SECONDS. The month is checked first. */
export function issueReportLink(app: CoreServices, user: AuthUser, month: string, format: ReportFormat): ReportDownloadLink {
  monthPeriod(month, app.config.TIME_ZONE);
  const now = app.clock.now();
  const expiresAt = new Date(now.getTime() + app.config.REPORT_LINK_TTL_SECONDS * 1000);
  const claims: LinkClaims = { sub: user.id, m: month, f: format };
  const token = jwt.sign({ ...claims, iat: Math.floor(now.getTime() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) }, keyOf(app), {
    algorithm: 'HS256',
    issuer: app.config.JWT_ISSUER,
    audience: AUDIENCE,
  });
  const path = `/reports/monthly/${month}.${format}?signature=${encodeURIComponent(token)}`;
  const base = app.config.PUBLIC_URL?.replace(/\/+$/, '');
  return { url: base ? `${base}${path}` : path, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) };
}

/** Why a signature is refused; each says so in its own words. */
export type LinkRefusal = { status: number; code: string; message: string };

/**
 * The user a download link stands for, or why it is refused: expired, not
 * signed by this deployment for downloads (forged, or a token of another
 * purpose), made for another file, or its user no longer active.
 */
export async function verifyReportLink(app: CoreServices, signature: string, month: string, format: string): Promise<AuthUser | LinkRefusal> {
  let claims: jwt.JwtPayload & Partial<LinkClaims>;
  try {
    const decoded = jwt.verify(signature, keyOf(app), {
      algorithms: ['HS256'],
      issuer: app.config.JWT_ISSUER,
      audience: AUDIENCE,
      clockTimestamp: Math.floor(app.clock.now().getTime() / 1000),
    });
    if (typeof decoded === 'string') throw new Error('not a claims set');
    claims = decoded;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      return {
        status: 401,
        code: 'LINK_EXPIRED',
        message: `Срок действия ссылки истёк ${error.expiredAt.toISOString()}; получите новую (mutation reportDownloadLink)`,
      };
    }
    return { status: 401, code: 'LINK_INVALID', message: 'Подпись ссылки недействительна: ссылка подделана, повреждена или выдана не для скачивания отчёта' };
  }
  if (claims.m !== month || claims.f !== format || typeof claims.sub !== 'string') {
    return { status: 403, code: 'LINK_MISMATCH', message: `Ссылка выдана на другой файл (${claims.m}.${claims.f})` };
  }
  const [row] = await pgQuery<{ id: string; role: AuthUser['role']; organization_id: string | null; sectors: string[] | null; active: boolean }>(
    app.orm.em,
    'select id, role, organization_id, sectors, active from app_user where id = $1',
    [claims.sub],
    { prepared: true },
  );
  if (!row?.active) return { status: 401, code: 'UNAUTHENTICATED', message: 'Учётная запись, получившая ссылку, отключена' };
  return { id: row.id, role: row.role, organizationId: row.organization_id, sectors: row.sectors ?? [] };
}
