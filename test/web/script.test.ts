import { describe, expect, it } from 'vitest';
import { fold, toCyrillic } from '../../web/src/script.js';

describe('Serbian Latin to Cyrillic', () => {
  it('writes the digraphs and the letters with diacritics as single Cyrillic letters', () => {
    expect(toCyrillic('Ljiljana Njegoš, Džemal, Đorđe, Ćamil, Čedomir, Žaklina, Šaban')).toBe('Љиљана Његош, Џемал, Ђорђе, Ћамил, Чедомир, Жаклина, Шабан');
    expect(toCyrillic('LJUBAV')).toBe('LJUBAV'); // an all-capitals word is kept, like an acronym
    expect(toCyrillic('Sačuvaj {count} oznake')).toBe('Сачувај {count} ознаке');
  });

  it('leaves placeholders, acronyms, addresses and foreign words as written', () => {
    expect(toCyrillic('Preuzmi CSV za {when}')).toBe('Преузми CSV за {when}');
    expect(toCyrillic('Otvorite http://localhost:4000/setup')).toBe('Отворите http://localhost:4000/setup');
    expect(toCyrillic('Pomoć za Wi-Fi i ID')).toBe('Помоћ за Wi-Fi и ID');
  });
});

describe('search across scripts', () => {
  it('folds Cyrillic, Latin with and without diacritics to one text', () => {
    expect(fold('Љајић')).toBe(fold('Ljajić'));
    expect(fold('Ljajić')).toBe('ljajic');
    expect(fold('Ђорђе')).toBe('dorde');
    expect(fold('Đorđe')).toBe('dorde');
    expect(fold('Џемал Хоџић')).toBe(fold('Dzemal Hodzic'));
  });
});
