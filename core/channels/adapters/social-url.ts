import { SocialPlatform } from '../../entities/channel-enums.js';

/** Query parameters that say where a click came from, not what is shown. */
const TRACKING = /^(utm_.*|from|ref|ref_src|fbclid|yclid|gclid|share|si)$/i;

/**
 * One form of a post's address, so that the same post reported by two
 * monitoring systems is recognised: https, host in lower case without
 * `www.` or `m.`, no fragment, no tracking parameters, the rest sorted, no
 * trailing slash. Null for what is not an http(s) address.
 */
export function normalizeUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const params = [...url.searchParams.entries()].filter(([key]) => !TRACKING.test(key)).sort(([a], [b]) => a.localeCompare(b));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `https://${host}${path}${query}`;
}

const ALIASES: Record<string, SocialPlatform> = {
  vk: SocialPlatform.VK,
  vkontakte: SocialPlatform.VK,
  вконтакте: SocialPlatform.VK,
  вк: SocialPlatform.VK,
  ok: SocialPlatform.OK,
  odnoklassniki: SocialPlatform.OK,
  одноклассники: SocialPlatform.OK,
  telegram: SocialPlatform.TELEGRAM,
  tg: SocialPlatform.TELEGRAM,
  телеграм: SocialPlatform.TELEGRAM,
  max: SocialPlatform.MAX,
  макс: SocialPlatform.MAX,
  dzen: SocialPlatform.DZEN,
  zen: SocialPlatform.DZEN,
  дзен: SocialPlatform.DZEN,
  youtube: SocialPlatform.YOUTUBE,
  rutube: SocialPlatform.RUTUBE,
  whatsapp: SocialPlatform.WHATSAPP,
  viber: SocialPlatform.VIBER,
};

export function parsePlatform(value: string): SocialPlatform | null {
  return ALIASES[value.trim().toLowerCase()] ?? null;
}

/** Handles are compared without `@` and case. */
export const normalizeHandle = (value: string): string => value.trim().replace(/^@/, '').toLowerCase();
