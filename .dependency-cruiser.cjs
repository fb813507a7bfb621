// The direction of the dependencies (docs/architecture.md), checked by `npm run depcheck` in CI:
// the domain is pure and imports only itself; db and channels sit below the use cases; no cycles;
// src never reaches into the tests.
const domainCode = { path: '^src/domain/', pathNot: '\\.test\\.ts$' };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment:
        'src/domain is pure logic: it imports nothing of the project outside itself. src/errors.ts is the one exception: ' +
        'the table of error codes, a module that imports nothing (its AppError is what every layer throws).',
      from: domainCode,
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/errors\\.ts$'] },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'src/domain does no I/O: no files, network, processes or database. The caller reads and passes the data in.',
      from: domainCode,
      to: {
        path: [
          '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster|os|readline|process|inspector)$',
          'node_modules/(pg|pg-cursor|@electric-sql/pglite|kysely|nodemailer|pino|pdfmake|pdf-lib|hono|@hono|swagger-ui-dist)/',
        ],
      },
    },
    {
      name: 'db-and-channels-below-app',
      severity: 'error',
      comment: 'src/db and src/channels are used by the use cases, never the other way round (nor by-pass to the transports).',
      from: { path: '^src/(db|channels)/' },
      to: { path: '^src/(app|cli|http|jobs)/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment:
        'No import cycles in src, type-only imports included. A dynamic import (the CLI loading its command modules ' +
        'lazily) is not a cycle at load time and is left out.',
      from: { path: '^src/' },
      to: { path: '^src/', circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'src-never-imports-tests',
      severity: 'error',
      comment: 'The program does not depend on test or bench code (unit tests beside the code may use test fixtures).',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports count too: a domain type that names a db type still couples the layers
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
