// Names of demo customers: people (given and family names as each country writes them) and
// businesses (trade names with the local legal suffix: Ltd, LLC, GmbH, SARL, Pty Ltd, 株式会社 …).
// A few names carry apostrophes, accents and non-Latin script on purpose: real ledgers do.
import type { NameGroup } from './places.ts';
import type { Prng } from './prng.ts';

interface NamePool {
  given: readonly string[];
  family: readonly string[];
  /** Words that make a trade name with a trade: "Kestrel Joinery", "Hafen Logistik". */
  brands: readonly string[];
  trades: readonly string[];
  suffixes: readonly string[];
  /** Family name first (Japanese). */
  familyFirst?: boolean;
}

const englishTrades = ['Joinery', 'Dental Care', 'Plumbing & Heating', 'Print', 'Logistics', 'Bakery', 'Electrical', 'Catering', 'Design Studio', 'Engineering', 'Veterinary Clinic', 'Builders', 'Florists', 'Software', 'Motors', 'Landscaping', 'Coffee Roasters', 'Architects', 'Cleaning Services', 'Events'];
const englishBrands = ['Acorn', 'Bramble', 'Harbour', 'Kestrel', 'Oakfield', 'Riverside', 'Granite', 'Northgate', 'Meadow', 'Beacon', 'Copper Kettle', 'Bluebell', 'Summit', 'Lighthouse', 'Evergreen', 'Ironbridge', 'Silverline', 'Redwood', 'Fox & Hound', 'Brightside'];

const pools: Record<NameGroup, NamePool> = {
  gb: {
    given: ['Oliver', 'Amelia', 'Jack', 'Isla', 'Harry', 'Olivia', 'George', 'Emily', 'Noah', 'Sophie', 'Mohammed', 'Grace', 'Aisha', 'Thomas', 'Chloe', 'Priya'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'Hughes', "O'Connor"],
    brands: [...englishBrands, 'Albion', 'Pennine', 'Thames'],
    trades: englishTrades,
    suffixes: ['Ltd', 'Ltd', 'Limited', 'LLP'],
  },
  scot: {
    given: ['Callum', 'Eilidh', 'Fraser', 'Isla', 'Ewan', 'Morag', 'Lachlan', 'Kirsty', 'Hamish', 'Catriona', 'Ross', 'Ailsa'],
    family: ['MacDonald', 'Campbell', 'Stewart', 'Robertson', 'Murray', 'Fraser', 'Grant', 'Ross', 'McKenzie', 'Sinclair', 'Henderson', 'Paterson'],
    brands: ['Thistle', 'Highland', 'Clyde', 'Tweed', 'Heather', 'Saltire', 'Cairngorm', 'Forth', 'Lomond', 'Granite City'],
    trades: englishTrades,
    suffixes: ['Ltd', 'Ltd', 'Limited'],
  },
  us: {
    given: ['James', 'Maria', 'Michael', 'Jennifer', 'David', 'Linda', 'Carlos', 'Emily', 'Daniel', 'Ashley', 'José', 'Sarah', 'Kevin', 'Michelle', 'Wei', 'Priya', 'DeShawn', 'Aaliyah'],
    family: ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Anderson', 'Thomas', 'Nguyen', 'Kim', 'Washington', "O'Brien", 'Goldberg', 'Jackson'],
    brands: [...englishBrands, 'Liberty', 'Pioneer', 'Golden Gate', 'Lone Star', 'Empire', 'Bay State'],
    trades: [...englishTrades, 'HVAC', 'Roofing', 'Auto Repair'],
    suffixes: ['LLC', 'LLC', 'Inc.', 'Co.', 'Corp.'],
  },
  de: {
    given: ['Lukas', 'Anna', 'Maximilian', 'Sophie', 'Jonas', 'Marie', 'Leon', 'Hannah', 'Felix', 'Lea', 'Jürgen', 'Gisela', 'Özlem', 'Stefan'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Wolf', 'Schäfer', 'Yılmaz'],
    brands: ['Alpen', 'Hafen', 'Nord', 'Rhein', 'Spree', 'Isar', 'Tanne', 'Eichen', 'Lindner', 'Sonnen', 'Berg', 'Elbe'],
    trades: ['Maschinenbau', 'Bau', 'Elektrotechnik', 'Logistik', 'Druckerei', 'Bäckerei', 'Zahnarztpraxis', 'Software', 'Metallbau', 'Gartenbau', 'Sanitär', 'Tischlerei'],
    suffixes: ['GmbH', 'GmbH', 'GmbH & Co. KG', 'KG', 'AG', 'e.K.'],
  },
  fr: {
    given: ['Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Gabriel', 'Camille', 'Jules', 'Inès', 'Lucas', 'Zoé', 'Théo', 'Amélie', 'François'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Girard', 'Fontaine', 'Rousseau', "D'Almeida"],
    brands: ['Atlantique', 'Provence', 'Lumière', 'Étoile', 'Horizon', 'Sud', 'Vallée', 'Azur', 'Loire', 'Océane'],
    trades: ['Boulangerie', 'Plomberie', 'Transports', 'Imprimerie', 'Menuiserie', 'Cabinet dentaire', 'Électricité', 'Informatique', 'Traiteur', 'Architecture'],
    suffixes: ['SARL', 'SARL', 'SAS', 'EURL', 'SA'],
  },
  ie: {
    given: ['Seán', 'Aoife', 'Conor', 'Niamh', 'Ciarán', 'Saoirse', 'Patrick', 'Siobhán', 'Darragh', 'Róisín', 'Eoin', 'Gráinne'],
    family: ['Murphy', 'Kelly', "O'Sullivan", 'Walsh', "O'Brien", 'Byrne', 'Ryan', "O'Connor", "O'Neill", 'McCarthy', 'Doyle', 'Gallagher'],
    brands: ['Shamrock', 'Liffey', 'Atlantic', 'Emerald', 'Shannon', 'Claddagh', 'Wicklow', 'Burren', 'Lee Valley', 'Corrib'],
    trades: englishTrades,
    suffixes: ['Ltd', 'Ltd', 'Limited', 'DAC', 'Teoranta'],
  },
  au: {
    given: ['Jack', 'Charlotte', 'William', 'Mia', 'Thomas', 'Chloe', 'Lachlan', 'Ruby', 'Cooper', 'Matilda', 'Mei', 'Arjun'],
    family: ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Kelly', 'Ryan', 'Martin', 'Anderson', 'Harris', 'Papadopoulos'],
    brands: ['Southern Cross', 'Coral', 'Wattle', 'Outback', 'Harbourside', 'Gumtree', 'Bondi', 'Eucalypt', 'Ironbark', 'Kookaburra'],
    trades: englishTrades,
    suffixes: ['Pty Ltd'],
  },
  jp: {
    given: ['翔太', '陽菜', '大翔', '結衣', '蓮', '美咲', '悠真', '葵', '健一', '由美'],
    family: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'],
    brands: ['佐藤', '鈴木', '高橋', '田中', '山本', '中村', '富士', '桜', '大和', '東洋', '日の出', '青葉'],
    trades: ['製作所', '商事', '運輸', '建設', '印刷', '電機', '食品', 'システムズ', '工業', '設計事務所'],
    suffixes: ['株式会社', '株式会社', '有限会社'],
    familyFirst: true,
  },
  ca: {
    given: ['Liam', 'Emma', 'Noah', 'Olivia', 'Benjamin', 'Charlotte', 'Ethan', 'Ava', 'Harpreet', 'Jun'],
    family: ['Smith', 'Brown', 'Wilson', 'MacDonald', 'Martin', 'Lee', 'Campbell', 'Singh', 'Tremblay', 'Chen'],
    brands: ['Maple Leaf', 'Northern Lights', 'Great Lakes', 'Rocky Mountain', 'Pacific', 'Timber', 'Aurora', 'True North'],
    trades: englishTrades,
    suffixes: ['Inc.', 'Inc.', 'Ltd.', 'Corp.'],
  },
  qc: {
    given: ['Étienne', 'Chloé', 'Mathis', 'Léa', 'Félix', 'Rosalie', 'Samuel', 'Florence'],
    family: ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné'],
    brands: ['Saint-Laurent', 'Boréal', 'Érable', 'Laurentides', 'Fleur-de-lys', 'Mont-Royal'],
    trades: ['Boulangerie', 'Plomberie', 'Transports', 'Imprimerie', 'Menuiserie', 'Informatique', 'Construction'],
    suffixes: ['inc.', 'Ltée'],
  },
};

export interface PersonName {
  given: string;
  family: string;
  full: string;
}

export function personName(rng: Prng, group: NameGroup): PersonName {
  const pool = pools[group];
  const given = rng.pick(pool.given);
  const family = rng.pick(pool.family);
  return { given, family, full: pool.familyFirst ? `${family} ${given}` : `${given} ${family}` };
}

export function businessName(rng: Prng, group: NameGroup): string {
  const pool = pools[group];
  const suffix = rng.pick(pool.suffixes);
  const trade = rng.pick(pool.trades);
  if (pool.familyFirst) return suffix === '株式会社' && rng.chance(30) ? `${rng.pick(pool.brands)}${trade}${suffix}` : `${suffix}${rng.pick(pool.brands)}${trade}`;
  // Family businesses ("Weber Bau GmbH", "Murphy & Sons Ltd") are as common as brand names.
  const style = rng.int(1, 10);
  if (style <= 4) return `${rng.pick(pool.brands)} ${trade} ${suffix}`;
  if (style <= 7) return `${rng.pick(pool.family)} ${trade} ${suffix}`;
  if (style <= 8 && (group === 'gb' || group === 'scot' || group === 'ie' || group === 'us' || group === 'au' || group === 'ca')) {
    return `${rng.pick(pool.family)} & ${rng.pick(['Sons', 'Daughters', 'Partners', 'Co'])} ${suffix}`;
  }
  return `${rng.pick(pool.brands)} ${trade} ${suffix}`;
}

/** A plain-ASCII slug for email addresses: accents dropped, non-Latin names romanised by index. */
export function emailSlug(text: string, fallback: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug || fallback;
}
