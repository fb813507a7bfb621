// Finding columns by header. Headers are compared normalised (case, spaces, punctuation and a
// leading "*" ignored; "#" read as "number"), against each field's list of synonyms.

export function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^a-z0-9]/g, '');
}

export type ColumnMap<F extends string> = Partial<Record<F, number>>;

/** Maps each field to the index of the first header matching one of its synonyms. */
export function matchColumns<F extends string>(headers: string[], synonyms: Record<F, readonly string[]>): ColumnMap<F> {
  const normalised = headers.map(normaliseHeader);
  const map: ColumnMap<F> = {};
  for (const field of Object.keys(synonyms) as F[]) {
    for (const synonym of synonyms[field]) {
      const index = normalised.indexOf(normaliseHeader(synonym));
      if (index >= 0 && !Object.values(map).includes(index)) {
        map[field] = index;
        break;
      }
    }
  }
  return map;
}

/** Reads a row's fields by name; empty cells read as undefined. */
export class RowReader<F extends string> {
  constructor(
    readonly headers: string[],
    readonly columns: ColumnMap<F>,
  ) {}

  has(field: F): boolean {
    return this.columns[field] !== undefined;
  }

  /** The header as written in the file, for problem reports. */
  header(field: F): string {
    const index = this.columns[field];
    return index === undefined ? field : (this.headers[index] ?? field).trim();
  }

  get(fields: string[], field: F): string | undefined {
    const index = this.columns[field];
    if (index === undefined) return undefined;
    const value = fields[index]?.trim();
    return value === '' ? undefined : value;
  }
}
