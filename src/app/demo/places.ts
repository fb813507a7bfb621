// Where demo customers live: jurisdictions (country and region, as compliance rules select them),
// with cities, time zones, languages, currencies, postcodes and phone numbers that look right.
// Phone numbers come from ranges set aside for fiction (Ofcom, NANP 555-01xx, ACMA 5550), and the
// addresses are invented: nothing here reaches a real person.
import type { Prng } from './prng.ts';

export type NameGroup = 'gb' | 'scot' | 'us' | 'de' | 'fr' | 'ie' | 'au' | 'jp' | 'ca' | 'qc';

export interface City {
  city: string;
  region: string | null;
  timeZone: string;
  postalCode: (rng: Prng) => string;
  /** Landline prefix in international form; the generator appends the local digits. */
  phone: (rng: Prng) => string;
  /** Overrides the jurisdiction's language (Québec). */
  language?: string;
  names?: NameGroup;
}

export interface Jurisdiction {
  id: string;
  country: string;
  currency: string;
  language: string;
  names: NameGroup;
  /** How often customers come from here, relative to the others. */
  weight: number;
  cities: City[];
  mobile: (rng: Prng) => string;
  /** A street address in the local style. */
  street: (rng: Prng, names: readonly string[]) => string;
  streets: readonly string[];
}

const ukInward = (rng: Prng) => `${rng.digits(1)}${rng.chars('ABDEFGHJLNPQRSTUWXYZ', 2)}`;
const gbPostcode = (...outward: string[]) => (rng: Prng) => `${rng.pick(outward)} ${ukInward(rng)}`;
/** Ofcom's drama ranges: 0113 496 0xxx and friends, 020 7946 0xxx. */
const gbPhone = (area: string, exchange: string) => (rng: Prng) => `+44 ${area} ${exchange}${rng.digits(3)}`;
const zip = (lo: number, hi: number) => (rng: Prng) => String(rng.int(lo, hi)).padStart(5, '0');
const usPhone = (...areas: string[]) => (rng: Prng) => `+1 ${rng.pick(areas)} 555 01${rng.digits(2)}`;
const range = (lo: number, hi: number, width: number) => (rng: Prng) => String(rng.int(lo, hi)).padStart(width, '0');

const gbStreets = ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane', 'Park Road', 'King Street', 'Queen Street', 'Market Place', 'Chapel Street'];
const scotStreets = ['High Street', 'Main Street', 'Union Street', 'Princes Street', 'Sauchiehall Street', 'George Street', 'Castle Wynd', 'Bridge Street'];
const usStreets = ['Main Street', 'Market St', 'Oak Avenue', 'Maple Drive', 'Washington Blvd', 'Elm Street', 'Broadway', 'Lakeview Road', 'Cedar Lane', '5th Avenue'];
const deStreets = ['Hauptstraße', 'Bahnhofstraße', 'Gartenstraße', 'Schillerstraße', 'Goethestraße', 'Industriestraße', 'Leopoldstraße', 'Lindenallee', 'Am Markt'];
const frStreets = ['rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'rue du Commerce', 'place de la Mairie', 'rue Pasteur', 'avenue de la Gare', "rue de l'Église"];
const ieStreets = ['Main Street', 'Church Road', 'Patrick Street', 'Shop Street', 'Bridge Street', 'Castle Street', 'Mill Road', "O'Connell Street"];
const auStreets = ['George Street', 'Collins Street', 'Queen Street', 'Hay Street', 'King William Street', 'Elizabeth Street', 'Pacific Highway', 'Beach Road'];
const caStreets = ['King Street West', 'Yonge Street', 'Granville Street', 'Bay Street', 'Main Street', 'Maple Avenue'];
const qcStreets = ['rue Sainte-Catherine', 'boulevard Saint-Laurent', 'rue Sherbrooke', 'avenue du Parc', 'rue Saint-Denis'];
const jpDistricts = ['丸の内', '芝公園', '西新宿', '梅田', '栄', '天神', 'みなとみらい', '本町', '日本橋'];

const englishStreet = (rng: Prng, streets: readonly string[]) => `${rng.int(1, 240)} ${rng.pick(streets)}`;

export const jurisdictions: Jurisdiction[] = [
  {
    id: 'US',
    country: 'US',
    currency: 'USD',
    language: 'en-US',
    names: 'us',
    weight: 30,
    mobile: usPhone('202', '312', '646', '713'),
    streets: usStreets,
    street: (rng, streets) => `${rng.int(10, 9800)} ${rng.pick(streets)}`,
    cities: [
      { city: 'San Francisco', region: 'CA', timeZone: 'America/Los_Angeles', postalCode: zip(94102, 94134), phone: usPhone('415') },
      { city: 'Los Angeles', region: 'CA', timeZone: 'America/Los_Angeles', postalCode: zip(90001, 90089), phone: usPhone('213', '323') },
      { city: 'San Diego', region: 'CA', timeZone: 'America/Los_Angeles', postalCode: zip(92101, 92199), phone: usPhone('619') },
      { city: 'New York', region: 'NY', timeZone: 'America/New_York', postalCode: zip(10001, 10282), phone: usPhone('212', '646') },
      { city: 'Brooklyn', region: 'NY', timeZone: 'America/New_York', postalCode: zip(11201, 11256), phone: usPhone('718') },
      { city: 'Buffalo', region: 'NY', timeZone: 'America/New_York', postalCode: zip(14201, 14227), phone: usPhone('716') },
      { city: 'Austin', region: 'TX', timeZone: 'America/Chicago', postalCode: zip(78701, 78759), phone: usPhone('512') },
      { city: 'Houston', region: 'TX', timeZone: 'America/Chicago', postalCode: zip(77001, 77099), phone: usPhone('713', '832') },
      // El Paso keeps Mountain time: Texas spans two zones
      { city: 'El Paso', region: 'TX', timeZone: 'America/Denver', postalCode: zip(79901, 79938), phone: usPhone('915') },
      { city: 'Boston', region: 'MA', timeZone: 'America/New_York', postalCode: zip(2108, 2137), phone: usPhone('617') },
      { city: 'Worcester', region: 'MA', timeZone: 'America/New_York', postalCode: zip(1601, 1610), phone: usPhone('508') },
      { city: 'Chicago', region: 'IL', timeZone: 'America/Chicago', postalCode: zip(60601, 60661), phone: usPhone('312', '773') },
      { city: 'Denver', region: 'CO', timeZone: 'America/Denver', postalCode: zip(80202, 80239), phone: usPhone('303') },
      { city: 'Phoenix', region: 'AZ', timeZone: 'America/Phoenix', postalCode: zip(85003, 85054), phone: usPhone('602') },
      { city: 'Seattle', region: 'WA', timeZone: 'America/Los_Angeles', postalCode: zip(98101, 98199), phone: usPhone('206') },
      { city: 'Miami', region: 'FL', timeZone: 'America/New_York', postalCode: zip(33125, 33199), phone: usPhone('305') },
    ],
  },
  {
    id: 'GB-ENG',
    country: 'GB',
    currency: 'GBP',
    language: 'en-GB',
    names: 'gb',
    weight: 18,
    mobile: (rng) => `+44 7700 900${rng.digits(3)}`,
    streets: gbStreets,
    street: englishStreet,
    cities: [
      { city: 'London', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('EC1A', 'EC2V', 'SW1A', 'N1', 'E2', 'SE1', 'W1D', 'NW3'), phone: gbPhone('20', '7946 0') },
      { city: 'Manchester', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('M1', 'M2', 'M4', 'M15'), phone: gbPhone('161', '496 0') },
      { city: 'Leeds', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('LS1', 'LS2', 'LS6', 'LS11'), phone: gbPhone('113', '496 0') },
      { city: 'Bristol', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('BS1', 'BS2', 'BS8'), phone: gbPhone('117', '496 0') },
      { city: 'Birmingham', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('B1', 'B2', 'B5', 'B15'), phone: gbPhone('121', '496 0') },
      { city: 'Newcastle upon Tyne', region: 'England', timeZone: 'Europe/London', postalCode: gbPostcode('NE1', 'NE2'), phone: gbPhone('191', '498 0') },
    ],
  },
  {
    // Scotland is its own legal jurisdiction (prescription, diligence, the Debt Arrangement Scheme)
    id: 'GB-SCT',
    country: 'GB',
    currency: 'GBP',
    language: 'en-GB',
    names: 'scot',
    weight: 7,
    mobile: (rng) => `+44 7700 900${rng.digits(3)}`,
    streets: scotStreets,
    street: englishStreet,
    cities: [
      { city: 'Edinburgh', region: 'Scotland', timeZone: 'Europe/London', postalCode: gbPostcode('EH1', 'EH2', 'EH3', 'EH6'), phone: gbPhone('131', '496 0') },
      { city: 'Glasgow', region: 'Scotland', timeZone: 'Europe/London', postalCode: gbPostcode('G1', 'G2', 'G3', 'G12'), phone: gbPhone('141', '496 0') },
      { city: 'Aberdeen', region: 'Scotland', timeZone: 'Europe/London', postalCode: gbPostcode('AB10', 'AB11'), phone: gbPhone('1632', '960') },
      { city: 'Dundee', region: 'Scotland', timeZone: 'Europe/London', postalCode: gbPostcode('DD1', 'DD2'), phone: gbPhone('1632', '960') },
    ],
  },
  {
    id: 'GB-WLS',
    country: 'GB',
    currency: 'GBP',
    language: 'en-GB',
    names: 'gb',
    weight: 2,
    mobile: (rng) => `+44 7700 900${rng.digits(3)}`,
    streets: gbStreets,
    street: englishStreet,
    cities: [{ city: 'Cardiff', region: 'Wales', timeZone: 'Europe/London', postalCode: gbPostcode('CF10', 'CF11', 'CF24'), phone: gbPhone('29', '2018 0') }],
  },
  {
    id: 'GB-NIR',
    country: 'GB',
    currency: 'GBP',
    language: 'en-GB',
    names: 'ie',
    weight: 2,
    mobile: (rng) => `+44 7700 900${rng.digits(3)}`,
    streets: gbStreets,
    street: englishStreet,
    cities: [{ city: 'Belfast', region: 'Northern Ireland', timeZone: 'Europe/London', postalCode: gbPostcode('BT1', 'BT2', 'BT7', 'BT9'), phone: gbPhone('28', '9649 0') }],
  },
  {
    id: 'DE',
    country: 'DE',
    currency: 'EUR',
    language: 'de-DE',
    names: 'de',
    weight: 9,
    mobile: (rng) => `+49 151 ${rng.digits(8)}`,
    streets: deStreets,
    street: (rng, streets) => `${rng.pick(streets)} ${rng.int(1, 180)}`,
    cities: [
      { city: 'Berlin', region: 'Berlin', timeZone: 'Europe/Berlin', postalCode: range(10115, 14199, 5), phone: (rng) => `+49 30 ${rng.digits(7)}` },
      { city: 'München', region: 'Bayern', timeZone: 'Europe/Berlin', postalCode: range(80331, 81929, 5), phone: (rng) => `+49 89 ${rng.digits(7)}` },
      { city: 'Hamburg', region: 'Hamburg', timeZone: 'Europe/Berlin', postalCode: range(20095, 22769, 5), phone: (rng) => `+49 40 ${rng.digits(7)}` },
      { city: 'Köln', region: 'Nordrhein-Westfalen', timeZone: 'Europe/Berlin', postalCode: range(50667, 51149, 5), phone: (rng) => `+49 221 ${rng.digits(7)}` },
      { city: 'Frankfurt am Main', region: 'Hessen', timeZone: 'Europe/Berlin', postalCode: range(60306, 60599, 5), phone: (rng) => `+49 69 ${rng.digits(7)}` },
      { city: 'Stuttgart', region: 'Baden-Württemberg', timeZone: 'Europe/Berlin', postalCode: range(70173, 70629, 5), phone: (rng) => `+49 711 ${rng.digits(7)}` },
    ],
  },
  {
    id: 'FR',
    country: 'FR',
    currency: 'EUR',
    language: 'fr-FR',
    names: 'fr',
    weight: 8,
    mobile: (rng) => `+33 6 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`,
    streets: frStreets,
    street: (rng, streets) => `${rng.int(1, 120)} ${rng.pick(streets)}`,
    cities: [
      { city: 'Paris', region: 'Île-de-France', timeZone: 'Europe/Paris', postalCode: (rng) => `750${String(rng.int(1, 20)).padStart(2, '0')}`, phone: (rng) => `+33 1 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
      { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', timeZone: 'Europe/Paris', postalCode: (rng) => `6900${rng.int(1, 9)}`, phone: (rng) => `+33 4 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
      { city: 'Marseille', region: "Provence-Alpes-Côte d'Azur", timeZone: 'Europe/Paris', postalCode: (rng) => `130${String(rng.int(1, 16)).padStart(2, '0')}`, phone: (rng) => `+33 4 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
      { city: 'Bordeaux', region: 'Nouvelle-Aquitaine', timeZone: 'Europe/Paris', postalCode: (rng) => rng.pick(['33000', '33100', '33200', '33300', '33800']), phone: (rng) => `+33 5 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
      { city: 'Lille', region: 'Hauts-de-France', timeZone: 'Europe/Paris', postalCode: (rng) => rng.pick(['59000', '59800']), phone: (rng) => `+33 3 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
      { city: 'Toulouse', region: 'Occitanie', timeZone: 'Europe/Paris', postalCode: (rng) => rng.pick(['31000', '31100', '31200', '31300', '31400', '31500']), phone: (rng) => `+33 5 ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}` },
    ],
  },
  {
    id: 'IE',
    country: 'IE',
    currency: 'EUR',
    language: 'en-IE',
    names: 'ie',
    weight: 6,
    mobile: (rng) => `+353 87 ${rng.digits(3)} ${rng.digits(4)}`,
    streets: ieStreets,
    street: englishStreet,
    cities: [
      { city: 'Dublin', region: 'County Dublin', timeZone: 'Europe/Dublin', postalCode: (rng) => `D${String(rng.int(1, 24)).padStart(2, '0')} ${rng.chars('ACDEFHKNPRTVWXY0123456789', 4)}`, phone: (rng) => `+353 1 ${rng.digits(3)} ${rng.digits(4)}` },
      { city: 'Cork', region: 'County Cork', timeZone: 'Europe/Dublin', postalCode: (rng) => `${rng.pick(['T12', 'T23'])} ${rng.chars('ACDEFHKNPRTVWXY0123456789', 4)}`, phone: (rng) => `+353 21 ${rng.digits(3)} ${rng.digits(4)}` },
      { city: 'Galway', region: 'County Galway', timeZone: 'Europe/Dublin', postalCode: (rng) => `H91 ${rng.chars('ACDEFHKNPRTVWXY0123456789', 4)}`, phone: (rng) => `+353 91 ${rng.digits(3)} ${rng.digits(3)}` },
      { city: 'Limerick', region: 'County Limerick', timeZone: 'Europe/Dublin', postalCode: (rng) => `V94 ${rng.chars('ACDEFHKNPRTVWXY0123456789', 4)}`, phone: (rng) => `+353 61 ${rng.digits(3)} ${rng.digits(3)}` },
    ],
  },
  {
    id: 'AU',
    country: 'AU',
    currency: 'AUD',
    language: 'en-AU',
    names: 'au',
    weight: 8,
    mobile: (rng) => `+61 491 570 ${rng.digits(3)}`,
    streets: auStreets,
    street: englishStreet,
    cities: [
      { city: 'Sydney', region: 'NSW', timeZone: 'Australia/Sydney', postalCode: range(2000, 2234, 4), phone: (rng) => `+61 2 5550 ${rng.digits(4)}` },
      { city: 'Melbourne', region: 'VIC', timeZone: 'Australia/Melbourne', postalCode: range(3000, 3207, 4), phone: (rng) => `+61 3 5550 ${rng.digits(4)}` },
      { city: 'Brisbane', region: 'QLD', timeZone: 'Australia/Brisbane', postalCode: range(4000, 4179, 4), phone: (rng) => `+61 7 5550 ${rng.digits(4)}` },
      { city: 'Perth', region: 'WA', timeZone: 'Australia/Perth', postalCode: range(6000, 6169, 4), phone: (rng) => `+61 8 5550 ${rng.digits(4)}` },
      { city: 'Adelaide', region: 'SA', timeZone: 'Australia/Adelaide', postalCode: range(5000, 5099, 4), phone: (rng) => `+61 8 5550 ${rng.digits(4)}` },
      { city: 'Hobart', region: 'TAS', timeZone: 'Australia/Hobart', postalCode: range(7000, 7018, 4), phone: (rng) => `+61 3 5550 ${rng.digits(4)}` },
    ],
  },
  {
    id: 'JP',
    country: 'JP',
    currency: 'JPY',
    language: 'ja-JP',
    names: 'jp',
    weight: 5,
    mobile: (rng) => `+81 90-${rng.digits(4)}-${rng.digits(4)}`,
    streets: jpDistricts,
    street: (rng, districts) => `${rng.pick(districts)}${rng.int(1, 5)}-${rng.int(1, 20)}-${rng.int(1, 30)}`,
    cities: [
      { city: '千代田区', region: '東京都', timeZone: 'Asia/Tokyo', postalCode: (rng) => `100-${rng.digits(4)}`, phone: (rng) => `+81 3-${rng.digits(4)}-${rng.digits(4)}` },
      { city: '港区', region: '東京都', timeZone: 'Asia/Tokyo', postalCode: (rng) => `105-${rng.digits(4)}`, phone: (rng) => `+81 3-${rng.digits(4)}-${rng.digits(4)}` },
      { city: '大阪市北区', region: '大阪府', timeZone: 'Asia/Tokyo', postalCode: (rng) => `530-${rng.digits(4)}`, phone: (rng) => `+81 6-${rng.digits(4)}-${rng.digits(4)}` },
      { city: '横浜市西区', region: '神奈川県', timeZone: 'Asia/Tokyo', postalCode: (rng) => `220-${rng.digits(4)}`, phone: (rng) => `+81 45-${rng.digits(3)}-${rng.digits(4)}` },
      { city: '名古屋市中区', region: '愛知県', timeZone: 'Asia/Tokyo', postalCode: (rng) => `460-${rng.digits(4)}`, phone: (rng) => `+81 52-${rng.digits(3)}-${rng.digits(4)}` },
      { city: '福岡市博多区', region: '福岡県', timeZone: 'Asia/Tokyo', postalCode: (rng) => `812-${rng.digits(4)}`, phone: (rng) => `+81 92-${rng.digits(3)}-${rng.digits(4)}` },
    ],
  },
  {
    id: 'CA',
    country: 'CA',
    currency: 'CAD',
    language: 'en-CA',
    names: 'ca',
    weight: 5,
    mobile: usPhone('416', '604'),
    streets: caStreets,
    street: englishStreet,
    cities: [
      { city: 'Toronto', region: 'ON', timeZone: 'America/Toronto', postalCode: (rng) => `M5${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)} ${rng.digits(1)}${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)}${rng.digits(1)}`, phone: usPhone('416', '647') },
      { city: 'Vancouver', region: 'BC', timeZone: 'America/Vancouver', postalCode: (rng) => `V6${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)} ${rng.digits(1)}${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)}${rng.digits(1)}`, phone: usPhone('604') },
      { city: 'Calgary', region: 'AB', timeZone: 'America/Edmonton', postalCode: (rng) => `T2${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)} ${rng.digits(1)}${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)}${rng.digits(1)}`, phone: usPhone('403') },
      {
        city: 'Montréal',
        region: 'QC',
        timeZone: 'America/Toronto',
        language: 'fr-CA',
        names: 'qc',
        postalCode: (rng) => `H2${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)} ${rng.digits(1)}${rng.chars('ABCEGHJKLMNPRSTVWXYZ', 1)}${rng.digits(1)}`,
        phone: usPhone('514'),
      },
    ],
  },
];

/** Québec addresses are French even though the rest of Canada's are English. */
export const streetsFor = (jurisdiction: Jurisdiction, city: City): readonly string[] => (city.names === 'qc' ? qcStreets : jurisdiction.streets);

/** Weighted choice of a jurisdiction, as [value, weight] pairs for Prng.weighted. */
export const jurisdictionWeights: ReadonlyArray<readonly [Jurisdiction, number]> = jurisdictions.map((j) => [j, j.weight] as const);
