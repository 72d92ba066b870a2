import type { AppealFacts } from './plugin-types.js';
import { bodyOfRole } from '../region/index.js';

/** Moscow has kept UTC+3 all year since 26.10.2014 (Federal Law No. 248-ФЗ of 21.07.2014); the republic lives on it. */
const MOSCOW_OFFSET_MS = 3 * 60 * 60 * 1000;

/** Month (1-12) and day of a moment in Moscow time, as month × 100 + day (1 October → 1001). */
export function moscowMonthDay(at: Date): number {
  const moscow = new Date(at.getTime() + MOSCOW_OFFSET_MS);
  return (moscow.getUTCMonth() + 1) * 100 + moscow.getUTCDate();
}

/**
 * The heating season: 1 October – 15 May in Moscow time. [param] The real
 * start and end are set each year by a municipal act once the mean daily
 * temperature has stayed below (above) +8 °C for five days (Rules No. 354,
 * clause 5); these are the usual bounds in the Volga region and central Russia.
 */
export const HEATING_SEASON = { from: 1001, to: 515 } as const;

export function isHeatingSeason(at: Date): boolean {
  const day = moscowMonthDay(at);
  return day >= HEATING_SEASON.from || day <= HEATING_SEASON.to;
}

/** November to March in Moscow time: the winter upkeep season of roads and of transport. */
export function isWinter(at: Date): boolean {
  const month = Math.floor(moscowMonthDay(at) / 100);
  return month >= 11 || month <= 3;
}

/** The appeal's text in lower case with «ё» folded, so that rule patterns need not list both spellings. */
export function textOf(facts: AppealFacts): string {
  return facts.text.toLowerCase().replace(/ё/g, 'е');
}

/** A complaint against the administration of the appeal's own municipality (59-ФЗ art. 8 part 6). */
export function complainsAboutOwnAdministration(facts: AppealFacts): boolean {
  return facts.municipalityCode !== null && facts.complainedAboutOrganizationCodes.includes(`adm-${facts.municipalityCode}`);
}

/** A rule's condition: the appeal's text (lowercase, «ё» as «е») matches the pattern. */
export const mentions =
  (pattern: RegExp) =>
  (facts: AppealFacts): boolean =>
    pattern.test(textOf(facts));

/**
 * A rule's condition: the appeal complains about this body, named by its code
 * or by a role the plugin declares (`{ role: 'housing.housing-inspection' }`,
 * the body the loaded region pack binds to it; false while the role is unbound).
 */
export const complainsAbout =
  (body: string | { role: string }) =>
  (facts: AppealFacts): boolean => {
    const code = typeof body === 'string' ? body : bodyOfRole(body.role);
    return code !== null && facts.complainedAboutOrganizationCodes.includes(code);
  };

/**
 * A rule's condition: the appeal does not complain about this body (by code
 * or role, as `complainsAbout`). A complaint must never be sent to the body
 * whose actions it complains about (59-ФЗ, art. 8, part 6): such appeals
 * fall through to the next rule.
 */
export const notAgainst =
  (body: string | { role: string }) =>
  (facts: AppealFacts): boolean =>
    !complainsAbout(body)(facts);
