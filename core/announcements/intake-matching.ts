import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppealStructurer } from '../structuring/structurer.js';
import type { PreparedAppeal } from '../lifecycle/appeal-intake.js';
import type { ReferenceDirectory } from '../lifecycle/reference-directory.js';
import { stemRussian, tokenizeRussian } from '../structuring/russian-text.js';
import { activeAnnouncements, type ActiveAnnouncement } from './active-announcements.js';
import { containsKey, placeStems } from './place-keys.js';
import type { EntryNotice } from '../events/appeal-transaction.js';
import { residentChannels } from '../notifications/outbox.service.js';
import { matchedAnnouncementMessage } from '../notifications/templates.js';
import { APPEAL_NUMBER_PLACEHOLDER } from '../notifications/entry-notice-sql.js';
import type { CoreServices } from '../config/core-services.js';

export const ANNOUNCEMENT_MATCHED = 'ANNOUNCEMENT_MATCHED';

/** What matching needs of a new appeal. */
export interface AppealFactsForMatching {
  municipalityId: string | null;
  sectorCode: string | null;
  categoryCode: string | null;
  receivedAt: number;
  needsStructuring: boolean;
  text: string;
  address: string | null;
}

export interface Match {
  announcement: ActiveAnnouncement;
  /** `category`/`sector`: the appeal's own; `suggestion`: the classifier's best guess below its threshold; `words`: the title's words in the text. */
  by: 'category' | 'sector' | 'suggestion' | 'words';
}

/**
 * The announcement that answers a new appeal, if any (the most urgent kind
 * first, then the newest): valid when the appeal was received; in its
 * municipalities (if it names any) and on its streets or in its settlements
 * (if it names any, found in the address or text); about its categories or
 * sectors. An announcement with no sector or category answers nothing at
 * intake (it is still delivered). An appeal still waiting for structuring
 * matches on the classifier's suggestions (its best guess and the next two,
 * whatever their confidence: the specialist is shown the same three), and, when
 * the classifier has none, on a word of the title in the text of an appeal
 * from one of the announcement's municipalities («в Козьмодемьянске опять
 * вода не идёт» and «Отключение воды в Козьмодемьянске»).
 */
/** One of the classifier's suggestions for an appeal it could not structure with confidence. */
export interface Guess {
  sectorCode: string | null;
  categoryCode: string | null;
}

export function matchAnnouncement(list: readonly ActiveAnnouncement[], appeal: AppealFactsForMatching, suggest: () => readonly Guess[]): Match | null {
  let stems: string[] | null = null;
  let words: Set<string> | null = null;
  let guesses: readonly Guess[] | null = null;
  for (const announcement of list) {
    if (announcement.validFrom > appeal.receivedAt || (announcement.validTo !== null && announcement.validTo < appeal.receivedAt)) continue;
    if (!announcement.sectors.size && !announcement.categories.size) continue;
    if (announcement.municipalityIds.size && (!appeal.municipalityId || !announcement.municipalityIds.has(appeal.municipalityId))) continue;
    if (announcement.placeKeys.length) {
      stems ??= placeStems(`${appeal.address ?? ''} ${appeal.text}`);
      if (!announcement.placeKeys.some((key) => containsKey(stems!, key))) continue;
    }
    if (appeal.categoryCode && announcement.categories.has(appeal.categoryCode)) return { announcement, by: 'category' };
    if (appeal.sectorCode && announcement.sectors.has(appeal.sectorCode)) return { announcement, by: 'sector' };
    if (!appeal.needsStructuring) continue;
    guesses ??= suggest().filter((guess) => guess.categoryCode || guess.sectorCode);
    if (
      guesses.some(
        (guess) => (guess.categoryCode && announcement.categories.has(guess.categoryCode)) || (guess.sectorCode && announcement.sectors.has(guess.sectorCode)),
      )
    ) {
      return { announcement, by: 'suggestion' };
    }
    if (!guesses.length && announcement.municipalityIds.size) {
      words ??= new Set(tokenizeRussian(appeal.text).map((token) => stemRussian(token.text)));
      for (const stem of announcement.topic) if (words.has(stem)) return { announcement, by: 'words' };
    }
  }
  return null;
}

/**
 * The intake's one step for announcements (lifecycle: registerAppeal and
 * importAppeals call it on each prepared appeal before writing it): adds the
 * ANNOUNCEMENT_MATCHED entry to the appeal's audit trail, written by the
 * registration's own statement; a trigger on appeal_event records the match
 * in appeal_announcement. In memory: the list is cached (active-announcements.ts).
 */
export async function announcementMatcher(
  app: { structurer: AppealStructurer; config: CoreServices['config'] },
  em: EntityManager,
): Promise<(prepared: PreparedAppeal, directory: ReferenceDirectory) => void> {
  const list = await activeAnnouncements(em);
  if (!list.length) return () => undefined;
  const channels = residentChannels(app);
  return (prepared, directory) => {
    const c = prepared.columns;
    const facts: AppealFactsForMatching = {
      municipalityId: (c.municipality_id as string | null) ?? null,
      sectorCode: c.sector_id ? (directory.sectorById.get(c.sector_id as string)?.code ?? null) : null,
      categoryCode: c.category_id ? (directory.categoryById.get(c.category_id as string)?.code ?? null) : null,
      receivedAt: prepared.receivedAt.getTime(),
      needsStructuring: Boolean(c.needs_structuring),
      text: c.text as string,
      address: (c.address as string | null) ?? null,
    };
    const match = matchAnnouncement(list, facts, () => {
      const found = app.structurer.structure(facts.text, { sectorCode: facts.sectorCode });
      return [{ sectorCode: found.sectorCode, categoryCode: found.categoryCode }, ...(found.suggestions ?? [])];
    });
    if (!match) return;
    const status = c.status as PreparedAppeal['events'][number]['toStatus'];
    prepared.events.push({
      type: ANNOUNCEMENT_MATCHED,
      fromStatus: status,
      toStatus: status,
      reason: `Дан ответ объявлением «${match.announcement.title}»`,
      data: {
        announcementId: match.announcement.id,
        title: match.announcement.title,
        kind: match.announcement.kind,
        by: match.by,
        receivedAt: prepared.receivedAt.toISOString(),
      },
      ...authorNotice(channels, c, match.announcement),
    });
  };
}

/**
 * The consenting author's notice of the answer, queued by the registration's
 * own statement (EntryNotice): committed with the appeal, no listener and no
 * round trip of its own. None when the author gave no contact or no consent.
 */
function authorNotice(channels: ReturnType<typeof residentChannels>, c: PreparedAppeal['columns'], announcement: ActiveAnnouncement): { notice?: EntryNotice } {
  if (!c.author_notify_consent || !channels.length) return {};
  const recipients = channels.flatMap(({ kind, channel }) => {
    if (kind === 'email' && c.author_email && c.author_email_key) return [{ channel, recipient: c.author_email as string, key: `email:${c.author_email_key}` }];
    if (kind === 'phone' && c.author_phone && c.author_phone_key) return [{ channel, recipient: c.author_phone as string, key: `phone:${c.author_phone_key}` }];
    return [];
  });
  if (!recipients.length) return {};
  const message = matchedAnnouncementMessage({ number: APPEAL_NUMBER_PLACEHOLDER, title: announcement.title, body: announcement.body });
  return { notice: { ...message, recipients } };
}
