import { normaliseRussian, stemRussian, tokenizeRussian, type Token } from './russian-text.js';

/** Words that carry no topic: prepositions, conjunctions, negations, pronouns, address abbreviations. */
const STOP_WORDS = new Set([
  'в',
  'во',
  'на',
  'с',
  'со',
  'к',
  'ко',
  'по',
  'за',
  'из',
  'от',
  'до',
  'о',
  'об',
  'обо',
  'у',
  'для',
  'при',
  'над',
  'под',
  'через',
  'без',
  'про',
  'между',
  'около',
  'и',
  'или',
  'а',
  'но',
  'да',
  'же',
  'ли',
  'бы',
  'не',
  'нет',
  'ни',
  'то',
  'как',
  'что',
  'чтобы',
  'это',
  'этот',
  'эта',
  'эти',
  'тот',
  'та',
  'те',
  'так',
  'уже',
  'еще',
  'все',
  'всё',
  'весь',
  'вся',
  'мы',
  'нас',
  'нам',
  'нами',
  'я',
  'меня',
  'мне',
  'мной',
  'он',
  'она',
  'они',
  'его',
  'ее',
  'их',
  'им',
  'ему',
  'ей',
  'вы',
  'вас',
  'вам',
  'наш',
  'наша',
  'наше',
  'наши',
  'нашего',
  'нашей',
  'наших',
  'мой',
  'моя',
  'мое',
  'мои',
  'моего',
  'моей',
  'свой',
  'своя',
  'свое',
  'свои',
  'кто',
  'где',
  'когда',
  'почему',
  'какой',
  'очень',
  'там',
  'тут',
  'здесь',
  'только',
  'был',
  'была',
  'было',
  'были',
  'быть',
  'есть',
  'будет',
  'просим',
  'прошу',
  'помогите',
  'пожалуйста',
  'г',
  'ул',
  'д',
]);

/**
 * An acronym written in capitals («ФАП», «ОДН», «СВО»), possibly with a case
 * ending («ФАПа», «ФАПе»): matched as a word, never stemmed, so that «одной»
 * is not «ОДН» and «свой» is not «СВО».
 */
const ACRONYM_IN_TEXT = /^([А-ЯЁA-Z]{2,})[а-яёa-z]{0,2}$/;

/**
 * Topic terms of a text: Snowball stems of its words, minus stop words and
 * numbers; capitalised acronyms also as `#acronym`. `acronyms` are the ones
 * the keywords know, so that «фап» or «сво» typed in lower case still count.
 */
export function topicStems(text: string, acronyms: ReadonlySet<string> = new Set()): string[] {
  return termsOfTokens(text, tokenizeRussian(text), acronyms);
}

/**
 * `topicStems` of a text already tokenised (`tokens`: `tokenizeRussian(text)`), with the tokens' stems when known;
 * `starts`, when given, gets where each token's terms start in the result.
 */
export function termsOfTokens(text: string, tokens: readonly Token[], acronyms: ReadonlySet<string>, stems?: readonly string[], starts?: number[]): string[] {
  const terms: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const word = token.text;
    starts?.push(terms.length);
    const acronym = mayBeAcronym(text, token) ? ACRONYM_IN_TEXT.exec(text.slice(token.start, token.end))?.[1] : undefined;
    if (acronym) terms.push(`#${normaliseRussian(acronym)}`);
    else if (acronyms.size && acronyms.has(word)) terms.push(`#${word}`);
    // Numbers say nothing of the topic, except emergency numbers such as «103», «104».
    if (STOP_WORDS.has(word) || (word.charCodeAt(0) <= 0x39 && /^\d+$/.test(word) && !/^1\d\d$/.test(word))) continue;
    terms.push(stems ? stems[t]! : stemRussian(word));
  }
  return terms;
}

/** Whether the token as written starts with two capitals ([А-ЯЁA-Z]{2}), as ACRONYM_IN_TEXT needs: most words do not, and skip the expression. */
function mayBeAcronym(text: string, token: Token): boolean {
  return token.end - token.start >= 2 && isCapital(text.charCodeAt(token.start)) && isCapital(text.charCodeAt(token.start + 1));
}

/** [А-ЯЁA-Z] */
function isCapital(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x410 && code <= 0x42f) || code === 0x401;
}

/** Terms of a keyword phrase: acronyms as `#acronym`, other words as stems. */
export function keywordTerms(phrase: string): string[] {
  return tokenizeRussian(phrase)
    .map((token) => ({ word: token.text, written: phrase.slice(token.start, token.end) }))
    .filter(({ word }) => !STOP_WORDS.has(word))
    .map(({ word, written }) => {
      const acronym = ACRONYM_IN_TEXT.exec(written)?.[1];
      return acronym ? `#${normaliseRussian(acronym)}` : stemRussian(word);
    });
}
