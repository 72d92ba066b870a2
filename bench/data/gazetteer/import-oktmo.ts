/**
 * Adds the settlements of Mari El's OKTMO (the all-Russian classifier of municipal territories,
 * volume 5, section «Населенные пункты, входящие в состав муниципальных образований Республики
 * Марий Эл») to regions/mari-el/places.json, with their case forms.
 *   npx tsx bench/data/gazetteer/import-oktmo.ts
 *
 * Source: oktmo-mari-el.csv here, the lines «88 …» of task/tom5_oktmo_2.csv in the public GitHub
 * repository teamf7/oktmo (commit dcf961e80208d156c66f76fc466545281f78b471), copied unchanged.
 * A name is written as OKTMO writes it (with «е» for «ё»; the matcher reads «ё» as «е»).
 * Settlements already in the gazetteer keep their hand-written forms. Left out: the towns that are
 * municipalities themselves, and single-word names that are everyday Russian words («Дружба»,
 * «Волна», «Сумки», «Канал»: COMMON_WORDS), which would otherwise be found in ordinary sentences.
 * A name found in two municipalities is kept in both: the matcher then leaves it unresolved.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** OKTMO district codes (88 6xx / 88 7xx) → municipality codes of the region pack. */
const DISTRICTS: Record<string, string> = {
  '604': 'volzhsky', '608': 'gornomariysky', '612': 'zvenigovsky', '616': 'kilemarsky', '620': 'kuzhenersky',
  '624': 'mari-tureksky', '628': 'medvedevsky', '632': 'morkinsky', '636': 'novotoryalsky', '640': 'orshansky',
  '644': 'paranginsky', '648': 'sernursky', '652': 'sovetsky', '656': 'yurinsky', '701': 'yoshkar-ola',
  '705': 'volzhsk', '715': 'kozmodemyansk',
};
const TOWNS = new Set(['Йошкар-Ола', 'Волжск', 'Козьмодемьянск']);
const COMMON_WORDS = new Set(
  ('Аэропорт Болгары Бирюки Волна Воробьи Гари Горняк Дворики Дружба Елка Ерши Ким Исмаил Канал Кромка Кузнецы Кучка Кучки ' +
    'Летник Лом Льнозавод Майдан Механизаторов Мокруша Морозы Муза Неделька Новая Новый Нижняя Норка Олени Передовик Пикша ' +
    'Починок Поляна Пушкари Работник Революция Рябинка Смычка Соловьи Спартак Студенка Сумки Таир Токари Черемуха Чернушка ' +
    'Часовня Шары Шура Ягодка Купай').split(' '),
);

interface Entry { name: string; municipality: string; forms: string[]; markerOptional?: boolean }

/** Nominative, genitive, dative, accusative, instrumental, prepositional of one word of a place name. */
function declineWord(word: string): string[] {
  const hyphen = word.lastIndexOf('-');
  if (hyphen > 0) return declineWord(word.slice(hyphen + 1)).map((form) => word.slice(0, hyphen + 1) + form);
  const cut = (n: number) => word.slice(0, word.length - n);
  const hushing = /[гкхжшчщ]$/.test(cut(2));
  if (/(ый|ой)$/.test(word)) return [word, cut(2) + 'ого', cut(2) + 'ому', word, cut(2) + 'ым', cut(2) + 'ом'];
  if (/ний$/.test(word)) return [word, cut(2) + 'его', cut(2) + 'ему', word, cut(2) + 'им', cut(2) + 'ем'];
  if (/ий$/.test(word)) return [word, cut(2) + 'ого', cut(2) + 'ому', word, cut(2) + 'им', cut(2) + 'ом'];
  if (/ая$/.test(word)) return [word, cut(2) + 'ой', cut(2) + 'ой', cut(2) + 'ую', cut(2) + 'ой', cut(2) + 'ой'];
  if (/яя$/.test(word)) return [word, cut(2) + 'ей', cut(2) + 'ей', cut(2) + 'юю', cut(2) + 'ей', cut(2) + 'ей'];
  if (/ое$/.test(word)) return [word, cut(2) + 'ого', cut(2) + 'ому', word, cut(2) + (hushing ? 'им' : 'ым'), cut(2) + 'ом'];
  if (/ые$/.test(word)) return [word, cut(2) + 'ых', cut(2) + 'ым', word, cut(2) + 'ыми', cut(2) + 'ых'];
  if (/ие$/.test(word)) return [word, cut(2) + 'их', cut(2) + 'им', word, cut(2) + 'ими', cut(2) + 'их'];
  if (/ье$/.test(word)) return [word, cut(1) + 'я', cut(1) + 'ю', word, cut(1) + 'ем', word];
  if (/[ое]$/.test(word)) return [word, cut(1) + 'а', cut(1) + 'у', word, cut(1) + 'ом', cut(1) + 'е'];
  if (/а$/.test(word)) return [word, cut(1) + (/[гкхжшчщ]$/.test(cut(1)) ? 'и' : 'ы'), cut(1) + 'е', cut(1) + 'у', cut(1) + 'ой', cut(1) + 'е'];
  if (/я$/.test(word)) return [word, cut(1) + 'и', cut(1) + 'е', cut(1) + 'ю', cut(1) + 'ей', cut(1) + 'е'];
  if (/[ыи]$/.test(word)) return [word, /цы$/.test(word) ? cut(1) + 'ев' : cut(1), cut(1) + 'ам', word, cut(1) + 'ами', cut(1) + 'ах'];
  if (/й$/.test(word)) return [word, cut(1) + 'я', cut(1) + 'ю', word, cut(1) + 'ем', cut(1) + 'е'];
  if (/ь$/.test(word)) return [word, cut(1) + 'и', cut(1) + 'и', word, cut(1) + 'ью', cut(1) + 'и'];
  return [word, word + 'а', word + 'у', word, word + 'ом', word + 'е'];
}

/** The case forms of a name, the nominative first, each form once. */
function caseForms(name: string): string[] {
  const words = name.split(' ').map(declineWord);
  return [...new Set(words[0]!.map((_, i) => words.map((forms) => forms[i]).join(' ')))];
}

const here = new URL('./', import.meta.url);
const file = new URL('../../../regions/mari-el/places.json', here);
const places = JSON.parse(readFileSync(file, 'utf8')) as { settlements: Entry[]; sources: { what: string; where: string }[] };
const key = (name: string, code: string) => `${code}|${name.toLowerCase().replace(/ё/g, 'е')}`;
const known = new Set(places.settlements.map((entry) => key(entry.name, entry.municipality)));
let added = 0;
for (const line of readFileSync(new URL('oktmo-mari-el.csv', here), 'utf8').split('\n')) {
  const [code, , title] = line.split(';');
  if (!code || !title || code.endsWith('000')) continue;
  const municipality = DISTRICTS[code.slice(3, 6)];
  const name = title.replace(/^\S+ /, '').trim();
  if (!municipality) throw new Error(`unknown OKTMO district in «${line}»`);
  if (TOWNS.has(name) || COMMON_WORDS.has(name) || known.has(key(name, municipality))) continue;
  known.add(key(name, municipality));
  places.settlements.push({ name, municipality, forms: caseForms(name) });
  added++;
}
const where =
  'OKTMO (ОК 033-2013), volume 5, «Населенные пункты, входящие в состав муниципальных образований Республики Марий Эл» (codes 88 …): ' +
  'task/tom5_oktmo_2.csv of the public GitHub repository teamf7/oktmo (commit dcf961e80208d156c66f76fc466545281f78b471), copied to ' +
  'bench/data/gazetteer/oktmo-mari-el.csv; imported by bench/data/gazetteer/import-oktmo.ts';
if (!places.sources.some((source) => source.where === where)) {
  places.sources.push({
    what: 'every settlement of every district and of the three urban okrugs (villages, settlements, выселки, починки), case forms generated by the import; everyday words among single-word names left out',
    where,
  });
}
writeFileSync(file, JSON.stringify(places, null, 1) + '\n');
console.log(`${added} settlements added; ${places.settlements.length} in the gazetteer`);
