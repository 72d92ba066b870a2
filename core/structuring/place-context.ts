import { stemRussian, STREET_WORDS, type Token } from './russian-text.js';

/** Where a candidate place sits in the text's tokens (first and last token, inclusive). */
export interface Span {
  first: number;
  last: number;
}

/*
 * The words around a place name that tell what it is: settlement markers
 * («пгт», «с.»), street words («ул.», «набережная»), type words («район»),
 * prepositions of place and of direction, and the checks built on them.
 */

const MARKERS = new Set([
  'пгт',
  'рп',
  'пос',
  'поселок',
  'поселка',
  'поселку',
  'поселком',
  'поселке',
  'село',
  'села',
  'селу',
  'селом',
  'селе',
  'сел',
  'дер',
  'деревня',
  'деревни',
  'деревне',
  'деревню',
  'деревней',
  'починок',
  'починка',
  'починке',
  'нп',
]);
/** One-letter markers count only when written as abbreviations («с.», «п.», «д.»): «с» is also a preposition. */
const LETTER_MARKERS = new Set(['п', 'с', 'д']);

const STREET_STEMS = new Set([...STREET_WORDS].map(stemRussian));

export const TYPE_WORDS = new Set([
  'район',
  'района',
  'району',
  'районом',
  'районе',
  'р',
  'н',
  'округ',
  'округа',
  'округу',
  'округом',
  'округе',
  'г',
  'город',
  'города',
  'городу',
  'городом',
  'городе',
  'городской',
  'городского',
]);

export const ADJECTIVE_END = /(ий|ый|ой|ая|ое|ые|ие|ого|его|ому|ему|ую|ым|им|ом|ем|ых|их|ыми|ими|ою)$/;
export const POSSESSIVE_END = /(ов|ев|ин|ын)о$/;

/** «в Йошкар-Олу», «на Оршанку», «до Медведево»: where someone goes, not where the appeal is. */
const DIRECTION_PREPOSITIONS = new Set(['в', 'во', 'на']);
/** Locatives that end in a consonant: «в Помарах», «в Больших Паратах», «в Приволжском». */
const LOCATIVE_END = /(ах|ях|ом|ем|ых|их)$/;
export function isDestination(candidate: Span & { addressed?: boolean }, tokens: Token[]): boolean {
  const previous = tokens[candidate.first - 1]?.text;
  if (previous === 'до') return true;
  if (previous === undefined || !DIRECTION_PREPOSITIONS.has(previous)) return false;
  const last = tokens[candidate.last]!.text;
  // The accusative is told from the locative by the feminine «-у/-ю» («в Йошкар-Олу», «в Семёновку»), and
  // by a name in «-ск» or another consonant left as written («ездим в Волжск», «в Сернур»: the locative
  // is «в Волжске»). Not for streets: «на Машиностроителей» is where the resident is.
  return /[ую]$/.test(last) || (!candidate.addressed && /[бвгджзклмнпрстфхцчшщ]$/.test(last) && !LOCATIVE_END.test(last));
}

/** Prepositions of place before a bare settlement name: «в Красногорском», «из Советского», «от Советского». */
const PLACE_PREPOSITIONS = new Set(['в', 'во', 'из', 'до', 'под', 'около', 'возле', 'у', 'с', 'со', 'от']);
/** «из/с/со/от/до» + the genitive (-ого/-его) is a place («с приволжского автобус убрали»); «с» + the instrumental is «with». */
const FROM_PREPOSITIONS = new Set(['из', 'с', 'со', 'от', 'до']),
  GENITIVE_ADJECTIVE = /(ого|его)$/;

/**
 * A capitalised adjective name with no settlement word counts when it stands as a place: after a preposition
 * of place («в Приволжском на улице»), or alone before punctuation («Советский, ул. Свердлова»). Followed by a
 * noun it is a name of something else («Приволжский федеральный округ»).
 */
export function standsAlone(text: string, tokens: Token[], first: number, last: number): boolean {
  const start = tokens[first]!.start;
  const previous = tokens[first - 1];
  const afterPreposition =
    previous !== undefined &&
    PLACE_PREPOSITIONS.has(previous.text) &&
    /^\s+$/.test(text.slice(previous.end, start)) &&
    (!['с', 'со', 'от'].includes(previous.text) || GENITIVE_ADJECTIVE.test(tokens[last]!.text));
  const next = tokens[last + 1];
  if (text[start] === text[start]!.toLowerCase()) {
    // Lower case: «в приволжском опять не топят» (locative), «с приволжского» (genitive), unless an adjective in the same
    // case (ending alike) follows: «в приволжском федеральном округе», not «в краснооктябрьском уличное освещение».
    const adjectiveFollows =
      next !== undefined &&
      ADJECTIVE_END.test(next.text) &&
      next.text.slice(-2) === tokens[last]!.text.slice(-2) &&
      /^\s+$/.test(text.slice(tokens[last]!.end, next.start));
    const caseFits =
      /(ом|ем)$/.test(tokens[last]!.text) || (previous !== undefined && FROM_PREPOSITIONS.has(previous.text) && GENITIVE_ADJECTIVE.test(tokens[last]!.text));
    return afterPreposition && caseFits && !adjectiveFollows;
  }
  if (afterPreposition) return true;
  // «Советский, ул. Свердлова», «Советский это, Свердлова дом десять» (phone transcripts).
  return !next || /^\s*[,:;.!?)—–-]/.test(text.slice(tokens[last]!.end, next.start)) || next.text === 'это';
}

export function hasMarker(text: string, tokens: Token[], first: number): boolean {
  const previous = tokens[first - 1];
  if (!previous) return false;
  if (MARKERS.has(previous.text)) return true;
  return LETTER_MARKERS.has(previous.text) && text[previous.end] === '.';
}

/**
 * «ул. Йошкар-Олинская», «Волжская набережная», «Козьмодемьянский тракт»: a street named
 * after the place, not the place. Only adjacent words count («пгт Советский, ул. Мира» is the place), and a
 * settlement word before the name makes it the place with its street after it («п. Красногорский ул. Центральная»).
 */
export function nearStreetWord(candidate: Span, text: string, tokens: Token[]): boolean {
  const first = tokens[candidate.first]!;
  const previous = tokens[candidate.first - 1];
  if (previous && STREET_WORDS.has(previous.text) && /^[\s.]*$/.test(text.slice(previous.end, first.start))) return true;
  if (hasMarker(text, tokens, candidate.first) || MARKERS.has(first.text)) return false;
  const last = tokens[candidate.last]!;
  const next = tokens[candidate.last + 1];
  return next !== undefined && ADJECTIVE_END.test(last.text) && /^\s*$/.test(text.slice(last.end, next.start)) && STREET_STEMS.has(stemRussian(next.text));
}
