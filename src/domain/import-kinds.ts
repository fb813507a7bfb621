// What an import file holds: one vocabulary for the CLI, the API, the imports table and the readers.
export const importKinds = ['customers', 'invoices', 'payments'] as const;
export type ImportKind = (typeof importKinds)[number];
