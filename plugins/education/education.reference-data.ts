/**
 * Reference data of the education sector for the Mari El Republic: schools and
 * kindergartens, one or more in every municipality.
 *
 * Naming follows the real pattern (МБОУ/МОУ «... средняя общеобразовательная
 * школа № N», МБДОУ «Детский сад № N «...»); some names are those of real
 * schools, but the addresses and the set as a whole are not checked against
 * the registry of educational organizations, so every record is `demo: true`.
 */

export interface EducationInstitutionRecord {
  id: string;
  name: string;
  kind: 'SCHOOL' | 'KINDERGARTEN';
  address: string;
  municipalityCode: string;
  demo?: boolean;
}

export const educationInstitutions: EducationInstitutionRecord[] = [
  { id: '97fcee98-a220-4d7e-aa68-4ab4312ad555', name: 'МБОУ «Средняя общеобразовательная школа № 7 г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Панфилова, д. 20', municipalityCode: 'yoshkar-ola', demo: true },
  { id: '9b31abb8-bb31-4ee2-8e1f-52243d457dfa', name: 'МБОУ «Гимназия № 4 им. А. С. Пушкина г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Советская, д. 144', municipalityCode: 'yoshkar-ola', demo: true },
  { id: '383bd3e8-201f-4018-8a4e-810894d8581a', name: 'МБОУ «Лицей № 11 им. Т. И. Александровой г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Комсомольская, д. 104', municipalityCode: 'yoshkar-ola', demo: true },
  { id: '30909b04-83e7-4654-9563-6a7ed827d15d', name: 'МБОУ «Средняя общеобразовательная школа № 18 г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Йывана Кырли, д. 36', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'efb8fd7b-7aad-4eb2-90d5-6d78847b187c', name: 'МБОУ «Средняя общеобразовательная школа № 29 г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Воинов-Интернационалистов, д. 30', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'b1c31b84-d40d-4631-a4e3-91eba7b8bab2', name: 'МБОУ «Средняя общеобразовательная школа № 31 г. Йошкар-Олы»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Гончарова, д. 6', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'e9cb868a-cc3e-4714-82b0-437dd9286440', name: 'МБДОУ «Детский сад № 5 «Колокольчик» г. Йошкар-Олы»', kind: 'KINDERGARTEN', address: 'г. Йошкар-Ола, ул. Машиностроителей, д. 12', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'ef1b8492-4dd6-4f7c-bc8b-c043eea505ef', name: 'МБДОУ «Детский сад № 27 «Солнышко» г. Йошкар-Олы»', kind: 'KINDERGARTEN', address: 'г. Йошкар-Ола, ул. Петрова, д. 9', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'febb51b5-6a4d-4451-ba08-325a26a8723b', name: 'МБДОУ «Детский сад № 41 «Рябинушка» г. Йошкар-Олы»', kind: 'KINDERGARTEN', address: 'г. Йошкар-Ола, ул. Подольских Курсантов, д. 11', municipalityCode: 'yoshkar-ola', demo: true },
  { id: 'e6969762-9b30-40d0-bc70-7cde5c5936ed', name: 'ГБОУ Республики Марий Эл «Лицей Бауманский»', kind: 'SCHOOL', address: 'г. Йошкар-Ола, ул. Осипенко, д. 61', municipalityCode: 'yoshkar-ola', demo: true },
  { id: '9426875a-2d02-4a4a-a821-5d62af4062c0', name: 'МБОУ «Средняя общеобразовательная школа № 2 г. Волжска»', kind: 'SCHOOL', address: 'г. Волжск, ул. Шестакова, д. 40', municipalityCode: 'volzhsk', demo: true },
  { id: 'fae0f3c8-4a55-48ee-8032-7c1e8717721c', name: 'МБОУ «Средняя общеобразовательная школа № 6 г. Волжска»', kind: 'SCHOOL', address: 'г. Волжск, ул. Дружбы, д. 9', municipalityCode: 'volzhsk', demo: true },
  { id: 'ca76ea5b-7bc4-4b2b-a6f5-abe65fdba5f7', name: 'МДОУ «Детский сад № 8 «Ромашка» г. Волжска»', kind: 'KINDERGARTEN', address: 'г. Волжск, ул. Кирова, д. 22', municipalityCode: 'volzhsk', demo: true },
  { id: 'b5398571-4a96-45f2-916d-4c02978bb517', name: 'МБОУ «Средняя общеобразовательная школа № 1 г. Козьмодемьянска»', kind: 'SCHOOL', address: 'г. Козьмодемьянск, ул. Советская, д. 30', municipalityCode: 'kozmodemyansk', demo: true },
  { id: '25b30f5a-4902-4cc0-9eb4-ea9d04ed02d2', name: 'МБДОУ «Детский сад № 3 «Берёзка» г. Козьмодемьянска»', kind: 'KINDERGARTEN', address: 'г. Козьмодемьянск, 3-й микрорайон, д. 20', municipalityCode: 'kozmodemyansk', demo: true },
  { id: '10099fb7-6b31-4ec9-b2d0-9ad52fb06972', name: 'МОУ «Приволжская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'Волжский район, пос. Приволжский, ул. Школьная, д. 3', municipalityCode: 'volzhsky', demo: true },
  { id: 'd22cb0b3-f5a9-40ea-9d59-b66278913863', name: 'МОУ «Еласовская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'Горномарийский район, с. Еласы, ул. Школьная, д. 2', municipalityCode: 'gornomariysky', demo: true },
  { id: 'fe855575-74c7-4fe1-b1db-07fb4fafe334', name: 'МОУ «Звениговская средняя общеобразовательная школа № 1»', kind: 'SCHOOL', address: 'г. Звенигово, ул. Ленина, д. 30', municipalityCode: 'zvenigovsky', demo: true },
  { id: 'a66285a2-0ac9-4e15-9f5a-dd47239f7b96', name: 'МБДОУ «Детский сад «Ёлочка» пгт Красногорский»', kind: 'KINDERGARTEN', address: 'Звениговский район, пгт Красногорский, ул. Кирова, д. 10', municipalityCode: 'zvenigovsky', demo: true },
  { id: 'bbffe1b0-3efb-45f1-b033-3f7076d9bef4', name: 'МОУ «Килемарская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Килемары, ул. Советская, д. 30', municipalityCode: 'kilemarsky', demo: true },
  { id: 'efdbdf97-7416-4ceb-9aa9-678a8b3ea575', name: 'МОУ «Куженерская средняя общеобразовательная школа № 1»', kind: 'SCHOOL', address: 'пгт Куженер, ул. Школьная, д. 1', municipalityCode: 'kuzhenersky', demo: true },
  { id: 'd379ac1b-9c0b-4cb5-ae4e-732a6f0fd584', name: 'МОУ «Мари-Турекская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Мари-Турек, ул. Комсомольская, д. 15', municipalityCode: 'mari-tureksky', demo: true },
  { id: '1246ec9e-b228-4d18-a290-e1bbd1c818eb', name: 'МОУ «Медведевская средняя общеобразовательная школа № 2»', kind: 'SCHOOL', address: 'пгт Медведево, ул. Кирова, д. 14', municipalityCode: 'medvedevsky', demo: true },
  { id: 'ad534cfb-5c81-4992-8404-696f9cd6444f', name: 'МДОУ «Руэмский детский сад «Светлячок»', kind: 'KINDERGARTEN', address: 'Медведевский район, пос. Руэм, ул. Молодёжная, д. 10', municipalityCode: 'medvedevsky', demo: true },
  { id: '4b288496-d8ba-4d24-b41d-0c757fae958d', name: 'МОУ «Моркинская средняя общеобразовательная школа № 2»', kind: 'SCHOOL', address: 'пгт Морки, ул. Мира, д. 3', municipalityCode: 'morkinsky', demo: true },
  { id: 'c2068ad6-4d35-4b92-8a96-bd9e0b8b9cbc', name: 'МОУ «Новоторъяльская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Новый Торъял, ул. Коммунистическая, д. 35', municipalityCode: 'novotoryalsky', demo: true },
  { id: '6dfa7ba5-3d2e-4d0e-8941-55c3fc5776f5', name: 'МОУ «Оршанская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Оршанка, ул. Гагарина, д. 5', municipalityCode: 'orshansky', demo: true },
  { id: '8b85c1be-24e5-4f5c-9f7e-f3df3d47bee6', name: 'МОУ «Параньгинская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Параньга, ул. Школьная, д. 1', municipalityCode: 'paranginsky', demo: true },
  { id: '0eda6b42-ac6e-4a54-a643-965defc98e46', name: 'МОУ «Сернурская средняя общеобразовательная школа № 2»', kind: 'SCHOOL', address: 'пгт Сернур, ул. Советская, д. 70', municipalityCode: 'sernursky', demo: true },
  { id: '83bb071e-c69f-4a02-85a5-887bb298dfad', name: 'МБДОУ «Детский сад «Колосок» пгт Советский»', kind: 'KINDERGARTEN', address: 'пгт Советский, ул. Свердлова, д. 15', municipalityCode: 'sovetsky', demo: true },
  { id: '644a0a19-d15e-48a5-b98b-2023f9e822ab', name: 'МОУ «Юринская средняя общеобразовательная школа»', kind: 'SCHOOL', address: 'пгт Юрино, ул. Советская, д. 12', municipalityCode: 'yurinsky', demo: true },
];
