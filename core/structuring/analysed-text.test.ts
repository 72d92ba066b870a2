import { describe, expect, it } from 'vitest';
import { allPlugins } from '../../plugins/index.js';
import { AnalysedText } from './analysed-text.js';
import { createKeywordClassifier } from './keyword-classifier.js';
import { committedModel } from './linear-model.js';
import { summarise } from './summary.js';
import { addKeywordFeatures, textFeatures } from './text-features.js';
import { topicStems } from './topic-terms.js';

/*
 * The structurer reads each text once (AnalysedText) and the model's features word by word; these
 * must give what the parts give on the text itself, to the last bit: the model was trained on
 * textFeatures, and the accuracy figures are measured on that.
 */
const texts = [
  'В Йошкар-Оле на ул. Панфилова 37 батареи еле тёплые, дома +16, ребёнок болеет. УК говорит что всё по нормативу',
  'Нет света.\nНет воды; батареи холодные!  Мусор не вывозят… ФАПа нет, фап закрыт, СВО 103 2024',
  'ЁЛКИ; ЪЕЗД! ул. Ленина 5… Торъял Σ ΣΑΣ İstanbul 😀 газ',
  ' ; ',
  '',
  `${'контейнер '.repeat(450)}батарея отопление`,
  `${'x'.repeat(3998)}абвгд батареи`,
  // Words too long to be kept between texts (feature-index.ts, keyword-scoring.ts), twice in one text.
  `${'батарея'.repeat(12)} холодные, ${'батарея'.repeat(12)} и ещё раз ${'отопление'.repeat(10)}`,
];
const classifier = createKeywordClassifier(allPlugins.flatMap((plugin) => plugin.categories.map((category) => ({ sectorCode: plugin.code, category }))));

describe('AnalysedText', () => {
  it('gives the topic terms, keywords and summary the text itself gives', () => {
    for (const text of texts) {
      const analysed = new AnalysedText(text);
      expect(analysed.topicTerms()).toEqual(topicStems(text));
      expect(classifier.classify(analysed, { sectorCode: 'housing' })).toEqual(classifier.classify(text, { sectorCode: 'housing' }));
      const keywords = classifier.classify(analysed);
      expect(keywords).toEqual(classifier.classify(text));
      for (const evidence of [[], keywords.matched, ['свет', 'вода', 'газ']]) expect(summarise(analysed, evidence)).toBe(summarise(text, evidence));
    }
  });

  it('reads the same model features, in the same order, as textFeatures', () => {
    const model = committedModel()!;
    for (const text of texts) {
      const keywords = classifier.classify(text);
      const expected = model.read(addKeywordFeatures(textFeatures(text), keywords));
      // Twice: the second time from the words already looked up.
      for (let pass = 0; pass < 2; pass++) {
        const read = model.readText(new AnalysedText(text).featureWords, keywords);
        expect([...read.ids]).toEqual([...expected.ids]);
        expect([...read.values]).toEqual([...expected.values]);
      }
    }
  });

  it('counts a keyword stem too long to be kept once per text, however often it occurs', () => {
    const long = `батаре${'я'.repeat(80)}`;
    const once = classifier.classify(`${long} холодные, отопления нет`);
    expect(once.categoryCode).not.toBeNull();
    expect(classifier.classify(`${long} холодные, ${long} отопления нет ${long}`)).toEqual(once);
  });
});
