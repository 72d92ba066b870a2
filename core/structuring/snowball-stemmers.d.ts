// Typings for snowball-stemmers 0.6.0 (a CommonJS/UMD build that ships none).
declare module 'snowball-stemmers' {
  interface SnowballStemmer {
    /** Stem one lowercase word. */
    stem(word: string): string;
  }
  interface SnowballFactory {
    /** `language` is one of `algorithms()`, e.g. 'russian'. */
    newStemmer(language: string): SnowballStemmer;
    algorithms(): string[];
  }
  const snowballFactory: SnowballFactory;
  export = snowballFactory;
}
