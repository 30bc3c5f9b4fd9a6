import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitSentences, type SentenceSpan } from '../../src/sources/sentences/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The contract every result must meet, whatever the sentences are. */
function contractViolation(text: string, spans: SentenceSpan[]): string | undefined {
  let prev = 0;
  for (const [k, s] of spans.entries()) {
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return `span ${k} has non-integer offsets`;
    if (s.start < prev) return `span ${k} starts at ${s.start}, before the previous end ${prev}`;
    if (s.end <= s.start) return `span ${k} is empty`;
    if (s.end > text.length) return `span ${k} ends past the text`;
    const slice = text.slice(s.start, s.end);
    if (slice !== slice.trim()) return `span ${k} is not trimmed: ${JSON.stringify(slice)}`;
    if (text.slice(prev, s.start).trim() !== '') return `non-space text before span ${k} is not covered`;
    prev = s.end;
  }
  if (text.slice(prev).trim() !== '') return 'non-space text after the last span is not covered';
  return undefined;
}

function sentences(text: string, lang: string): string[] {
  const spans = splitSentences(text, lang);
  expect(contractViolation(text, spans)).toBeUndefined();
  return spans.map((s) => text.slice(s.start, s.end));
}

/** [text, expected sentences]; an empty expectation means "one sentence, the whole text". */
type Case = [string, ...string[]];

function table(lang: string, cases: Case[]): void {
  it.each(cases.map((c) => [c[0], c.length === 1 ? [c[0].trim()] : c.slice(1)] as const))(`${lang}: %j`, (text, want) => {
    expect(sentences(text, lang)).toEqual(want);
  });
}

// ---------------------------------------------------------------------------

describe('contract', () => {
  it('returns [] for empty and whitespace-only input', () => {
    expect(splitSentences('', 'ru')).toEqual([]);
    expect(splitSentences('   \n\t \u00a0', 'en')).toEqual([]);
    expect(splitSentences(' \u2003 ', 'de')).toEqual([]);
  });

  it('trims spans and covers every non-space character', () => {
    const text = '  Пробелы вокруг.   Второе.  ';
    expect(splitSentences(text, 'ru')).toEqual([
      { start: 2, end: 17 },
      { start: 20, end: 27 },
    ]);
  });

  it('accepts language tags with regions, underscores and any case', () => {
    const text = 'Это случилось в 1925 г. Затем Япония вывела войска.';
    const want = ['Это случилось в 1925 г.', 'Затем Япония вывела войска.'];
    for (const lang of ['ru', 'ru-RU', 'RU', 'ru_RU']) expect(sentences(text, lang)).toEqual(want);
    for (const lang of ['en', 'en-US', 'EN-gb', 'en_GB']) {
      expect(sentences('I live in the U.S. How about you?', lang)).toEqual(['I live in the U.S.', 'How about you?']);
    }
  });

  it('tolerates newlines: a single newline is a space, a blank line always ends a sentence', () => {
    expect(sentences('Первая строка.\nВторая строка.', 'ru')).toEqual(['Первая строка.', 'Вторая строка.']);
    expect(sentences('Заголовок\n\nТекст абзаца.', 'ru')).toEqual(['Заголовок', 'Текст абзаца.']);
    expect(sentences('It was a cold\nnight in the city.', 'en')).toEqual(['It was a cold\nnight in the city.']);
    expect(sentences('Heading\r\n\r\nBody text. More.', 'en')).toEqual(['Heading', 'Body text.', 'More.']);
  });

  it('keeps text without final punctuation as a sentence', () => {
    expect(sentences('Сегодня 27.10.14', 'ru')).toEqual(['Сегодня 27.10.14']);
    expect(sentences('Hello world. No full stop here', 'en')).toEqual(['Hello world.', 'No full stop here']);
  });

  it('holds for random mixes of tricky fragments (seeded)', () => {
    const atoms = [
      '.',
      '. ',
      '!',
      '?',
      '…',
      '...',
      ' . . .',
      ' ',
      '\n',
      '\n\n',
      '«',
      '»',
      '"',
      "'",
      '’',
      '“',
      '”',
      '„',
      '(',
      ')',
      '[',
      ']',
      '[1]',
      '¹',
      '—',
      '-',
      '•',
      '1.',
      '2.',
      '1)',
      'a.',
      'b.',
      'А.',
      'И.',
      'г.',
      '1925',
      ' г.',
      'т. е.',
      'U.S.',
      'a.m.',
      'Mr.',
      'Co.',
      'etc.',
      'www.x.com',
      'a@b.ru',
      'Затем',
      'Япония',
      'К',
      'The',
      'It',
      'word',
      'слово',
      'I',
      '$',
      '°',
      '\u00a0',
      '5',
      '3.14',
    ];
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const failures: string[] = [];
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 25); k > 0; k--) text += atoms[Math.floor(random() * atoms.length)];
      for (const lang of ['ru', 'en', 'de']) {
        const problem = contractViolation(text, splitSentences(text, lang));
        if (problem !== undefined) failures.push(`${lang} ${JSON.stringify(text)}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never splits punctuation-only text', () => {
    for (const text of ['.', '..', '. . .', '! ! !', '??', '…']) expect(sentences(text, 'en')).toEqual([text]);
  });
});

// ---------------------------------------------------------------------------

describe('basic terminators . ! ? and their clusters', () => {
  table('en', [
    ['Hello World. My name is Jonas.', 'Hello World.', 'My name is Jonas.'],
    ['What is your name? My name is Jonas.', 'What is your name?', 'My name is Jonas.'],
    ['There it is! I found it.', 'There it is!', 'I found it.'],
    ['Hello!! Long time no see.', 'Hello!!', 'Long time no see.'],
    ['Hello?? Who is there?', 'Hello??', 'Who is there?'],
    ['Hello!? Is that you?', 'Hello!?', 'Is that you?'],
    ['Hello?! Is that you?', 'Hello?!', 'Is that you?'],
    ['She works at Yahoo! in the accounting department.'],
    ['Recently, Ghosh and Mahdian [86] at Yahoo! Research extended our charities work, and based on this a web-based system was built at Yahoo!'],
    ['T stands for the vector transposition. As shown in Fig. ??', 'T stands for the vector transposition.', 'As shown in Fig. ??'],
  ]);
  table('ru', [
    ['Что?! Не может быть!!! Неужели?.. Да.', 'Что?!', 'Не может быть!!!', 'Неужели?..', 'Да.'],
    ['Уважаемый проф. Семенов! Просьба до 20.10 сдать отчет на кафедру.', 'Уважаемый проф. Семенов!', 'Просьба до 20.10 сдать отчет на кафедру.'],
    ['Эта машина стоит 150 000 дол.!'],
    ['Эта машина стоит $150 000!'],
    ['Постойте, разве можно указывать цены в у.е.!'],
    ['Кто там? Никого.', 'Кто там?', 'Никого.'],
    ['Сколько? 5 рублей.', 'Сколько?', '5 рублей.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('abbreviations do not end sentences', () => {
  table('ru', [
    ['Он жил на ул. Ленина, д. 5, кв. 12.'],
    ['См. рис. 3 и табл. 2 на стр. 45.'],
    ['В гл. 2 и ч. 3 об этом сказано, см. также ст. 5.'],
    ['Доклад проф. Иванова и доц. Петрова прошёл успешно.'],
    ['Акад. Павлов и канд. техн. наук Сидоров выступили.'],
    ['Москва, т. е. столица, большая.'],
    ['Москва, т.е. столица, большая.'],
    ['Яблоки, груши и т. д. лежали на столе.'],
    ['Стулья, столы и т. п. стояли в зале.'],
    ['Пришли Иванов, Петров и др. сотрудники.'],
    ['Библиотека им. Ленина открыта.'],
    ['Он живёт в с. Ивановка Московской обл. уже давно.'],
    ['Население составляет 5 тыс. человек, а бюджет — 2 млн. руб. в год.'],
    ['Стоимость 3 млрд. долларов.'],
    ['Цена 15 руб. 50 коп. за штуку.'],
    ['Дом стоит на р. Волге, в корп. 2.'],
    ['Он вышел на ст. Бологое.'],
    ['Напр. в Москве так.'],
    ['Все, в т. ч. Москва, согласились.'],
    ['Собор св. Петра огромен, пришло ок. 100 человек.'],
    ['Прочитайте т. 2 книги.'],
    ['Кв. 234 находится на 4 этаже.'],
    ['Виктор съел пол-лимона и ушел по-английски из дома на ул. 1 Мая.'],
    ['Едем на скорости 90 км/ч в сторону пгт. Брагиновка, о котором мы так много слышали по ТВ!'],
    ['Д-р ветеринарных наук А. И. Семенов и пр. выступали на этом семинаре.'],
    [
      'Первоначальная стоимость 30 долл., но сейчас действует скидка. Предъявите карту!',
      'Первоначальная стоимость 30 долл., но сейчас действует скидка.',
      'Предъявите карту!',
    ],
    ['Напоминаю Вам, что 25.10 день рождения у Маши К., нужно будет купить ей подарок.'],
    ['Объем составляет 5 куб.м.'],
    ['Площадь комнаты 14 кв.м.'],
    [
      'Вот номер моего телефона: +39045969798. Передавайте привет г-ну Шапочкину. До свидания.',
      'Вот номер моего телефона: +39045969798.',
      'Передавайте привет г-ну Шапочкину.',
      'До свидания.',
    ],
  ]);
  table('en', [
    ['My name is Jonas E. Smith.'],
    ['Please turn to p. 55.'],
    ['Were Jane and co. at the party?'],
    ['They closed the deal with Pitt, Briggs & Co. at noon.'],
    ['I can see Mt. Fuji from here.'],
    ["St. Michael's Church is on 5th st. near the light."],
    ["That is JFK Jr.'s book."],
    ['I visited the U.S.A. last year.'],
    ['I work for the U.S. Government in Virginia.'],
    ['I have lived in the U.S. for 20 years.'],
    ['Mr. Smith and Mrs. Jones met Ms. Brown.'],
    ['Dr. Watson and Prof. Moriarty disagreed.'],
    ['He lives on St. James Street.'],
    ['Acme Co. and Widgets Inc. signed the deal with Foo Ltd. yesterday.'],
    ['Martin Luther King Jr. was born in 1929.'],
    ['John Smith Sr. and his son arrived.'],
    ['It was Kramer vs. Kramer in court.'],
    ['Bring fruit, e.g. apples, and vegetables, i.e. carrots.'],
    ['Bring fruit, e.g. Apples, and vegetables, i.e. Carrots.'],
    ['The U.K. Parliament voted.'],
    ['See pp. 10-12 and vol. 3, fig. 4.'],
    ['He was No. 1 in the charts.'],
    ['It happened on Jan. 5 and Feb. 10.'],
    ['It costs approx. 5 dollars.'],
    ['Sen. John Smith and Gov. Brown met Gen. Lee.'],
    ['Ph.D. students from XYZ Corp., the U.S.S.R. Army and 5 ft. walls.'],
    ['Apples, pears, etc. are fruit.'],
    ['You can find it at N°. 1026.253.553. That is where the treasure is.', 'You can find it at N°. 1026.253.553.', 'That is where the treasure is.'],
  ]);
});

describe('abbreviations that can end a sentence do so before a sentence start', () => {
  table('ru', [
    ['Он купил яблоки, груши и т. д. Затем ушёл домой.', 'Он купил яблоки, груши и т. д.', 'Затем ушёл домой.'],
    ['Там были Иванов, Петров и др. Все они пришли.', 'Там были Иванов, Петров и др.', 'Все они пришли.'],
    ['Бюджет составил 5 млн. Это много.', 'Бюджет составил 5 млн.', 'Это много.'],
    ['Стоит 100 руб. Дорого!', 'Стоит 100 руб.', 'Дорого!'],
    ['Он пришёл в 5 ч. Затем ушёл.', 'Он пришёл в 5 ч.', 'Затем ушёл.'],
  ]);
  table('en', [
    ["Let's ask Jane and co. They should know.", "Let's ask Jane and co.", 'They should know.'],
    ['They closed the deal with Pitt, Briggs & Co. It closed yesterday.', 'They closed the deal with Pitt, Briggs & Co.', 'It closed yesterday.'],
    ['I live in the E.U. How about you?', 'I live in the E.U.', 'How about you?'],
    ['I live in the U.S. How about you?', 'I live in the U.S.', 'How about you?'],
    ['He works in the U.K. Since 2010 he has lived there.', 'He works in the U.K.', 'Since 2010 he has lived there.'],
    ['I met the CEO of Foo Inc. He was nice.', 'I met the CEO of Foo Inc.', 'He was nice.'],
    // "etc." before any capitalised word ends the sentence: it is never followed by a name.
    ['We bought apples, pears, etc. Then we went home.', 'We bought apples, pears, etc.', 'Then we went home.'],
    ['We bought apples, pears, etc. Mary was happy.', 'We bought apples, pears, etc.', 'Mary was happy.'],
    // "No." before a word is the word "No".
    ['He answered No. Then he left.', 'He answered No.', 'Then he left.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('a year abbreviation ("1925 г.") before a capitalised word', () => {
  table('ru', [
    // Sentence-only starters (pronouns, conjunctions, adverbs) always begin a new sentence.
    ['Это случилось в 1925 г. Затем Япония вывела войска.', 'Это случилось в 1925 г.', 'Затем Япония вывела войска.'],
    ['Он родился в Москве в 1905 г. Его отец был врачом.', 'Он родился в Москве в 1905 г.', 'Его отец был врачом.'],
    ['Это было в XIX в. Затем начался новый век.', 'Это было в XIX в.', 'Затем начался новый век.'],
    ['Это случилось в 1925г. Затем всё изменилось.', 'Это случилось в 1925г.', 'Затем всё изменилось.'],
    // A date adverbial closing a clause ("в 1925 г.", "5 сентября 1905 г.") ends the sentence.
    ['Война закончилась в 1945 г. Германия капитулировала.', 'Война закончилась в 1945 г.', 'Германия капитулировала.'],
    ['Мир был подписан 5 сентября 1905 г. Россия потеряла Южный Сахалин.', 'Мир был подписан 5 сентября 1905 г.', 'Россия потеряла Южный Сахалин.'],
    ['Цезарь погиб в 44 г. до н. э. Его убили заговорщики.', 'Цезарь погиб в 44 г. до н. э.', 'Его убили заговорщики.'],
    // A date adverbial opening the sentence is followed by the subject: no boundary.
    ['К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.'],
    ['В 1925 г. Япония вывела войска.'],
    ['До 1925 г. Япония оккупировала Сахалин.'],
    ['К концу 1925 г. Япония вывела войска.'],
    ['В 2010-2012 гг. Виктор посещал г. Волгоград неоднократно.'],
    ['В XIX в. Россия стала империей.'],
    ['В XVIII–XIX вв. Россия много воевала.'],
    ['В 44 г. до н. э. Цезарь погиб.'],
    // A bare year attached to a noun or a caption is not a clause end.
    ['Договор 1907 г. Японией не соблюдался.'],
    ['Дом, где родился Л.Н.Толстой, 1898 г. В 1854 году дом продан по распоряжению писателя на вывоз в село Долгое.'],
    // Lowercase or comma after the date: never a boundary.
    ['После длительных переговоров 20 января 1925 г. в Пекине была подписана конвенция.'],
    ['Был оговорен пересмотр конвенции 1907 г., что стало основанием для подписания в 1928 г. новой конвенции.'],
    ['Конвенция оставила в силе договор, заключенный в Портсмуте 5 сентября 1905 г., но декларация это оговорила.'],
    ['В 1854 г. дом продан.'],
  ]);
});

describe('a time abbreviation ("5 a.m.") before a capitalised word', () => {
  table('en', [
    [
      'At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.',
      'At 5 a.m. Mr. Smith went to the bank.',
      'He left the bank at 6 P.M.',
      'Mr. Smith then went to the store.',
    ],
    ['Meet me at 5 p.m. Monday.'],
    ['The call is at 10 a.m. EST sharp.'],
    ['The meeting is at 10 a.m. and ends at 2 p.m. sharp.'],
    ['Meet me at 10.30 a.m. tomorrow.'],
    ['The shop closes at 9 p.m. The staff leave at ten.', 'The shop closes at 9 p.m.', 'The staff leave at ten.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('initials', () => {
  table('ru', [
    ['А. И. Семенов выступил первым.'],
    ['Л.Н. Толстой написал роман.'],
    ['Л.Н.Толстой написал роман.'],
    ['Пушкин А. С. родился в Москве.'],
    ['Его звали Иванов И. И. Он был инженером.', 'Его звали Иванов И. И.', 'Он был инженером.'],
    [
      'Л.Н. Толстой написал "Войну и мир". Кроме Волконских, Л. Н. Толстой состоял в родстве с другими родами.',
      'Л.Н. Толстой написал "Войну и мир".',
      'Кроме Волконских, Л. Н. Толстой состоял в родстве с другими родами.',
    ],
  ]);
  table('en', [
    ['My name is Jonas E. Smith.'],
    ['J. R. R. Tolkien wrote it.'],
    ['The book by J.K. Rowling sold well.'],
    ['We make a good team, you and I. Did you see Albert I. Jones yesterday?', 'We make a good team, you and I.', 'Did you see Albert I. Jones yesterday?'],
    ['This is Plan B. Then we run.', 'This is Plan B.', 'Then we run.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('numbers, decimals, dates, money and times', () => {
  table('ru', [
    ['Сегодня 27.10.14 идёт дождь.'],
    ['Число пи равно 3.14, а e равно 2.71.'],
    ['Температура 36,6 градуса.'],
    ['1°C соответствует 33.8°F.'],
    ['Машина едет со скоростью 100 км/ч.'],
    ['Объем составляет 5м³.'],
    ['Квартира 234 находится на 4-ом этаже.'],
    ['Сегодня 27 октября 2014 года.'],
    ['Было 40°C. Погода стояла жаркая.', 'Было 40°C.', 'Погода стояла жаркая.'],
    ['Москва, ул. Тверская, д. 1. Телефон: 123.', 'Москва, ул. Тверская, д. 1.', 'Телефон: 123.'],
    ['Он набрал 100. Это рекорд.', 'Он набрал 100.', 'Это рекорд.'],
    ['Он набрал 2. Затем ушёл.', 'Он набрал 2.', 'Затем ушёл.'],
  ]);
  table('en', [
    ['She has $100.00 in her bag.'],
    ['She has $100.00. It is in her bag.', 'She has $100.00.', 'It is in her bag.'],
    ['It costs $100.00 today.'],
    ['The rate rose by 1.5 percent.'],
    ['Meet me at 10.30 a.m. tomorrow.'],
    ['Version 2.0.1 was released. It fixed bugs.', 'Version 2.0.1 was released.', 'It fixed bugs.'],
    ['Definition 3.4. Given a graph G, we go on.', 'Definition 3.4.', 'Given a graph G, we go on.'],
    ['The temperature is 72°F. It is warm.', 'The temperature is 72°F.', 'It is warm.'],
    ['See Fig. 3. The curve rises.', 'See Fig. 3.', 'The curve rises.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('list markers', () => {
  table('en', [
    ['1.) The first item 2.) The second item', '1.) The first item', '2.) The second item'],
    ['1.) The first item. 2.) The second item.', '1.) The first item.', '2.) The second item.'],
    ['1) The first item 2) The second item', '1) The first item', '2) The second item'],
    ['1) The first item. 2) The second item.', '1) The first item.', '2) The second item.'],
    ['1. The first item 2. The second item', '1. The first item', '2. The second item'],
    ['1. The first item. 2. The second item.', '1. The first item.', '2. The second item.'],
    ['• 9. The first item • 10. The second item', '• 9. The first item', '• 10. The second item'],
    ['⁃9. The first item ⁃10. The second item', '⁃9. The first item', '⁃10. The second item'],
    ['a. The first item b. The second item c. The third list item', 'a. The first item', 'b. The second item', 'c. The third list item'],
    ['a) The first b) The second', 'a) The first', 'b) The second'],
  ]);
  table('ru', [
    ['1. Первый пункт. 2. Второй пункт.', '1. Первый пункт.', '2. Второй пункт.'],
    ['1) Купить хлеб. 2) Купить молоко.', '1) Купить хлеб.', '2) Купить молоко.'],
    ['• Первый пункт • Второй пункт', '• Первый пункт', '• Второй пункт'],
    ['а) Первый пункт б) Второй пункт', 'а) Первый пункт', 'б) Второй пункт'],
    // Inline enumerations stay inside their sentence.
    ['Нужно: 1) купить хлеб; 2) купить молоко.'],
    ['Нужно купить 1)рыбу 2)соль.'],
    ['Вот список: 1.мороженое, 2.мясо, 3.рис.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('quotations and brackets', () => {
  table('ru', [
    ['«Мы уходим!» — сказал он.'],
    ['«Конец.» Следующее предложение.', '«Конец.»', 'Следующее предложение.'],
    ['Маленькая девочка бежала и кричала: «Не видали маму?».'],
    ['Маленькая девочка бежала и кричала: «Не видали маму?»'],
    ['«Я приду поздно»,  — сказал Андрей.'],
    ['«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».'],
    ['По словам Пушкина, «Привычка свыше дана, замена счастью она».'],
    ['Он сказал: «Я очень устал», и сразу же замолчал.'],
    ['Он сказал: «Я устал. Я иду домой». Все молчали.', 'Он сказал: «Я устал. Я иду домой».', 'Все молчали.'],
    ['Слово «дом» является синонимом жилища'],
    ['Он не мог справиться с примером "3 + (14:7) = 5"'],
    ['Он пришёл (наконец!) и сел.'],
    ['Он ушёл. (Больше его не видели.) Все молчали.', 'Он ушёл.', '(Больше его не видели.)', 'Все молчали.'],
    ['Войска были выведены.¹ Затем начались переговоры.', 'Войска были выведены.¹', 'Затем начались переговоры.'],
    ['„Конец.“ Далее текст.', '„Конец.“', 'Далее текст.'],
    ['Он получил оценку «5». Затем ушёл.', 'Он получил оценку «5».', 'Затем ушёл.'],
    ['Он ушёл. «Куда?» — спросила она.', 'Он ушёл.', '«Куда?» — спросила она.'],
    [
      'Шухов как был в ватных брюках, не снятых на ночь (повыше левого колена их тоже был пришит затасканный, погрязневший лоскут, и на нем выведен черной, уже поблекшей краской номер Щ-854), надел телогрейку…',
    ],
  ]);
  table('en', [
    ['He said "Stop." Then he left.', 'He said "Stop."', 'Then he left.'],
    ["She turned to him, 'This is great.' she said."],
    ['She turned to him, "This is great." she said.'],
    ['She turned to him, "This is great." She held the book out to show him.', 'She turned to him, "This is great."', 'She held the book out to show him.'],
    ['She said, “I am done.” Then she left.', 'She said, “I am done.”', 'Then she left.'],
    ['He teaches science (He previously worked for 5 years as an engineer.) at the local University.'],
    ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'],
    // Footnote references stay with the sentence they follow.
    [
      'Saint Maximus (died 250) is a Christian saint and martyr.[1] The emperor Decius published a decree in 250.',
      'Saint Maximus (died 250) is a Christian saint and martyr.[1]',
      'The emperor Decius published a decree in 250.',
    ],
    ["'Yes.' He left.", "'Yes.'", 'He left.'],
  ]);

  it('keeps the long Russian quotation of the seed text inside its sentence', () => {
    const text =
      'Япония и СССР заявили о своем стремлении поддерживать мирные отношения. Конвенция оставила в силе договор, заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г., но специальная советская декларация, приложенная к конвенции, подчеркивала, что это «никоимобразом не означает, что правительство Союза разделяет с бывшим царским правительством политическую ответственность за заключение указанного договора».';
    const got = sentences(text, 'ru');
    expect(got).toHaveLength(2);
    expect(got[1]).toMatch(/^Конвенция оставила в силе договор.*договора»\.$/);
  });

  it('lets a very long quotation split inside, like ordinary text', () => {
    const inner = 'Это длинная цитата без конца и края. '.repeat(12);
    const text = `Он сказал: «${inner.trim()}» Все молчали.`;
    expect(sentences(text, 'ru').length).toBeGreaterThan(10);
  });

  it('ignores unbalanced quotes and stray closing brackets', () => {
    expect(sentences('Он сказал "да. Потом ушёл.', 'ru')).toEqual(['Он сказал "да.', 'Потом ушёл.']);
    expect(sentences('Пункт 1) готов. Пункт 2) нет.', 'ru')).toEqual(['Пункт 1) готов.', 'Пункт 2) нет.']);
    expect(sentences("The students' books are here. Take one.", 'en')).toEqual(["The students' books are here.", 'Take one.']);
  });
});

// ---------------------------------------------------------------------------

describe('ellipses', () => {
  table('ru', [
    ['Он задумался... и ушёл.'],
    ['Он задумался… и ушёл.'],
    ['Он задумался... Затем ушёл.', 'Он задумался...', 'Затем ушёл.'],
    ['Он задумался… Затем ушёл.', 'Он задумался…', 'Затем ушёл.'],
    ['Неужели?.. Да.', 'Неужели?..', 'Да.'],
    ['Он пришёл . . . и ушёл.'],
  ]);
  table('en', [
    ['He paused . . . and left.'],
    ['He paused . . . Then he left.', 'He paused . . .', 'Then he left.'],
    ['Wait... what?'],
    ['I never meant that.... She left the store.', 'I never meant that....', 'She left the store.'],
    ['Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”'],
    [
      'If words are left off at the end of a sentence, indicate the end of the sentence with a period . . . . Next sentence.',
      'If words are left off at the end of a sentence, indicate the end of the sentence with a period . . . .',
      'Next sentence.',
    ],
    ["I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it."],
    [
      'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .',
      'One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.',
      '. . . The practice was not abandoned. . . .',
    ],
  ]);
});

// ---------------------------------------------------------------------------

describe('URLs and e-mail addresses', () => {
  table('en', [
    ['See www.example.com. Then reload.', 'See www.example.com.', 'Then reload.'],
    ['Write to a.b@example.org for details.'],
    ['Her email is Jane.Doe@example.com. I sent her an email.', 'Her email is Jane.Doe@example.com.', 'I sent her an email.'],
    [
      'The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.',
      'The site is: https://www.example.50.com/new-site/awesome_content.html.',
      'Please check it out.',
    ],
    ['Go to http://x.org/A.Html?Q=B!C now.'],
    ['Email me at john.smith@mail.ru. I will answer.', 'Email me at john.smith@mail.ru.', 'I will answer.'],
  ]);
  table('ru', [
    ['Сайт: https://example.com/path?q=A.B. Далее текст.', 'Сайт: https://example.com/path?q=A.B.', 'Далее текст.'],
    ['Открой google.ru и найди.'],
    ['Сайт Example.com работает.'],
    ['Пишите на Ivan.Petrov@example.ru, ответим.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('a missing space after a full stop', () => {
  table('ru', [
    ['первое предложение.Второе предложение.', 'первое предложение.', 'Второе предложение.'],
    ['Он ушёл!Она осталась.', 'Он ушёл!', 'Она осталась.'],
    ['Где он?Не знаю.', 'Где он?', 'Не знаю.'],
    ['Это т.е. пример.'],
    ['Жил на ул.Ленина долго.'],
    ['Л.Н.Толстой написал роман.'],
  ]);
  table('en', [
    [
      'Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.',
      'Hello world.',
      'Today is Tuesday.',
      'Mr. Smith went to the store and bought 1,000.',
      'That is a lot.',
    ],
    ['I visited the U.S.A last year.'],
    ['The file sentences.ts is new.'],
  ]);
});

// ---------------------------------------------------------------------------

describe('dashes and dialogue', () => {
  table('ru', [
    ['— Пойдём домой, — сказал он. — Уже поздно.', '— Пойдём домой, — сказал он.', '— Уже поздно.'],
    ['Куда ты? — спросил он.'],
    ['«Куда?» – спросила она. – Домой.', '«Куда?» – спросила она.', '– Домой.'],
    ['Москва – столица России. Это большой город.', 'Москва – столица России.', 'Это большой город.'],
    ['Фактически не выполнялась одна из статей конвенции — взаимное обязательство.'],
  ]);
  table('en', [['He stopped — and then — he ran.'], ['"Go!" — she shouted. — Now!', '"Go!" — she shouted.', '— Now!']]);
});

// ---------------------------------------------------------------------------

describe('languages without rules of their own go through Intl.Segmenter', () => {
  it('splits Dutch and Portuguese', () => {
    expect(sentences('Dat is goed. Echt goed.', 'nl')).toEqual(['Dat is goed.', 'Echt goed.']);
    expect(sentences('Olá. Tudo bem? Sim.', 'pt-BR')).toEqual(['Olá.', 'Tudo bem?', 'Sim.']);
  });

  it('falls back to the root locale for a malformed tag', () => {
    expect(sentences('Hi. There.', 'not a tag!!')).toEqual(['Hi.', 'There.']);
  });

  it('segments a long paragraph in windows with the same result as ICU on the whole text', () => {
    const parts = ['Das ist gut. ', 'Herr Dr. Müller kam am 5. Mai. ', '„Wirklich?“ fragte er. ', 'Und dann… ', 'Nein! ', 'z. B. hier. '];
    let text = '';
    for (let k = 0; text.length < 20_000; k++) text += parts[(k * 7) % parts.length];
    const whole: SentenceSpan[] = [];
    for (const { index, segment } of new Intl.Segmenter('nl', { granularity: 'sentence' }).segment(text)) {
      const start = index + (segment.length - segment.trimStart().length);
      const end = index + segment.trimEnd().length;
      if (end > start) whole.push({ start, end });
    }
    const got = splitSentences(text, 'nl');
    expect(contractViolation(text, got)).toBeUndefined();
    expect(got).toEqual(whole);
  });
});

// ---------------------------------------------------------------------------

describe('the seed source text (sources/ussr-japan-1925.txt)', () => {
  const paragraphs = readFileSync(path.join(ROOT, 'sources/ussr-japan-1925.txt'), 'utf8')
    .split('\n')
    .filter((p) => p.trim() !== '');

  it('has five paragraphs', () => {
    expect(paragraphs).toHaveLength(5);
  });

  it('splits the treaty paragraph into exactly its five sentences', () => {
    const text =
      'После длительных переговоров 20 января 1925 г. в Пекине была подписана советско-японская конвенция об основных принципах взаимоотношений. Конвенция устанавливала дипломатические и консульские отношения между обоими государствами. К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина. Япония и СССР заявили о своем стремлении поддерживать мирные и дружественные отношения на основе принципа взаимного невмешательства во внутренние дела. Конвенция оставила в силе договор, заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г., но специальная советская декларация, приложенная к конвенции, подчеркивала, что это «никоимобразом не означает, что правительство Союза разделяет с бывшим царским правительством политическую ответственность за заключение указанного договора».';
    expect(paragraphs[1]).toBe(text);
    expect(sentences(text, 'ru')).toEqual([
      'После длительных переговоров 20 января 1925 г. в Пекине была подписана советско-японская конвенция об основных принципах взаимоотношений.',
      'Конвенция устанавливала дипломатические и консульские отношения между обоими государствами.',
      'К 15 мая 1925 г. Япония обязалась вывести свои войска с Северного Сахалина.',
      'Япония и СССР заявили о своем стремлении поддерживать мирные и дружественные отношения на основе принципа взаимного невмешательства во внутренние дела.',
      'Конвенция оставила в силе договор, заключенный между Японией и Россией в Портсмуте 5 сентября 1905 г., но специальная советская декларация, приложенная к конвенции, подчеркивала, что это «никоимобразом не означает, что правительство Союза разделяет с бывшим царским правительством политическую ответственность за заключение указанного договора».',
    ]);
  });

  it('splits every paragraph at its full stops only', () => {
    const starts = paragraphs.map((p) => sentences(p, 'ru').map((s) => s.slice(0, 24)));
    expect(starts).toEqual([
      // The heading runs into the first sentence with no punctuation: nothing to split on.
      ['Установление дипломатиче', 'Японское правительство н', 'Однако стабилизация обст'],
      ['После длительных перегов', 'Конвенция устанавливала ', 'К 15 мая 1925 г. Япония ', 'Япония и СССР заявили о ', 'Конвенция оставила в сил'],
      ['Советско-японской конвен', 'Был оговорен пересмотр р', 'Была достигнута договоре'],
      ['Нормализация советско-яп', 'Но и после подписания ко', 'Япония не отказалась от ', 'Так, по вине японской ст'],
      ['Фактически не выполнялас', 'Само появление этой стат', 'Япония подозревала СССР ', 'И те, и другие подозрени'],
    ]);
    for (const p of paragraphs) {
      for (const s of sentences(p, 'ru')) expect(s).toMatch(/[.!?…»]$/);
    }
  });
});

// ---------------------------------------------------------------------------

describe('a 150 KB single-line English paragraph', () => {
  /** One block of sentences with tricky dots; each entry is one expected sentence. */
  const BLOCK = [
    'Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5 in the U.S. capital.',
    'They talked about the $100.00 fee, e.g. the one from Acme Inc. and Foo Ltd. last year.',
    '"Is it fair?" he asked.',
    'She said "No."',
    'Then they left . . . and went home.',
    'Visit www.example.com.',
    'Write to a.b@example.org today!',
    'J. R. R. Tolkien wrote it in 1937, i.e. before the war.',
    'Prices rose by 3.5 percent, etc.',
    'It closed at 10.30 a.m. sharp.',
  ];

  it('segments it linearly and correctly', () => {
    const unit = BLOCK.join(' ');
    const copies = Math.ceil((150 * 1024) / (unit.length + 1));
    const text = Array.from({ length: copies }, () => unit).join(' ');
    expect(text.length).toBeGreaterThanOrEqual(150 * 1024);

    const spans = splitSentences(text, 'en');
    expect(contractViolation(text, spans)).toBeUndefined();
    expect(spans).toHaveLength(copies * BLOCK.length);

    // Every sentence is the expected one; spot-check exact offsets too.
    const wrong = spans.findIndex((s, k) => text.slice(s.start, s.end) !== BLOCK[k % BLOCK.length]);
    expect(wrong).toBe(-1);
    expect(spans[0]).toEqual({ start: 0, end: BLOCK[0]!.length });
    expect(spans[1]!.start).toBe(BLOCK[0]!.length + 1);
    const last = spans[spans.length - 1]!;
    expect(last.end).toBe(text.length);
    expect(text.slice(last.start, last.end)).toBe(BLOCK[BLOCK.length - 1]);
    const middle = copies >> 1;
    expect(spans[middle * BLOCK.length]!.start).toBe(middle * (unit.length + 1));
  });
});
