import { describe, expect, it } from 'vitest';
import { addressKey, emailKey, phoneKey } from './appeal-keys.js';

describe('keys for finding repeated appeals', () => {
  it('gives one address key for the usual ways of writing an address', () => {
    const key = addressKey('г. Йошкар-Ола, ул. Панфилова, д. 37');
    expect(key).toBe('йошкар ола панфилова 37');
    expect(addressKey('Йошкар-Ола, улица Панфилова, дом 37')).toBe(key);
    expect(addressKey('ЙОШКАР-ОЛА ПАНФИЛОВА 37')).toBe(key);
    expect(addressKey('г. Йошкар-Ола, ул. Панфилова, д. 38')).not.toBe(key);
  });

  it("drops the words of the region's own name (the pack's addressWords)", () => {
    const words = ['марий', 'эл'];
    const key = addressKey('г. Йошкар-Ола, ул. Панфилова, д. 37', words);
    expect(addressKey('Республика Марий Эл, г. Йошкар-Ола, ул. Панфилова, д. 37', words)).toBe(key);
    expect(addressKey('Респ. Марий Эл, Йошкар-Ола, Панфилова, 37', words)).toBe(key);
    expect(addressKey('Республика Марий Эл, г. Йошкар-Ола, ул. Панфилова, д. 37')).not.toBe(key);
  });

  it('gives no address key without a house number (a street alone is not a place)', () => {
    expect(addressKey('г. Йошкар-Ола, ул. Панфилова')).toBeNull();
    expect(addressKey('37')).toBeNull();
    expect(addressKey(null)).toBeNull();
  });

  it('reduces phones to the last ten digits and e-mails to lower case', () => {
    expect(phoneKey('+7 (912) 345-67-89')).toBe('9123456789');
    expect(phoneKey('8 912 345 67 89')).toBe('9123456789');
    expect(phoneKey('12-34')).toBeNull();
    expect(emailKey('  Petrov@Example.RU ')).toBe('petrov@example.ru');
    expect(emailKey('')).toBeNull();
  });
});
