// /imports — upload an accounting export, read the validation report (file, line, column, value,
// what to fix) before anything is written, then import; a progress bar while a large file goes
// up; the history of imports.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { formatInstant } from '../lib/format.ts';
import { useCanChange, useFormats } from '../session.ts';
import { uploadImport, type ImportReport } from './imports/upload.ts';

type Kind = 'customers' | 'invoices' | 'payments';
type Format = 'generic' | 'xero' | 'quickbooks';

export function ImportsScreen() {
  const formats = useFormats();
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<Kind>('invoices');
  const [format, setFormat] = useState<Format>('generic');
  const [dateFormat, setDateFormat] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [checked, setChecked] = useState<{ report: ImportReport; file: File } | null>(null);
  const [last, setLast] = useState<ImportReport | null>(null);
  const history = useQuery({ queryKey: ['imports'], queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 20 } } })) });
  const send = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      if (!file) throw new Error('Choose a CSV file first.');
      setProgress(0);
      const query = { kind: format === 'generic' ? kind : undefined, format, dateFormat: dateFormat.trim() || undefined, dryRun, fileName: file.name };
      return uploadImport(file, query, setProgress).then((report) => ({ report, dryRun }));
    },
    onSuccess: ({ report, dryRun }) => {
      setChecked(dryRun ? { report, file: file! } : null);
      if (!dryRun) void queryClient.invalidateQueries();
      else void queryClient.invalidateQueries({ queryKey: ['imports'] });
      setLast(report);
    },
    onSettled: () => setProgress(null),
  });
  const checkedClean = checked && checked.file === file && checked.report.problemCount === 0;
  return (
    <div className="imports">
      <h1>Imports</h1>
      {canChange ? (
        <form className="panel action-form" onSubmit={(event) => event.preventDefault()} aria-label="Upload an export">
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" type="file" accept=".csv,text/csv" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setChecked(null); setLast(null); }} />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="import-format">Layout</label>
              <select id="import-format" value={format} onChange={(event) => setFormat(event.target.value as Format)}>
                <option value="generic">Generic CSV</option>
                <option value="xero">Xero invoice export</option>
                <option value="quickbooks">QuickBooks Online report</option>
              </select>
            </div>
            {format === 'generic' && (
              <div className="field">
                <label htmlFor="import-kind">The file holds</label>
                <select id="import-kind" value={kind} onChange={(event) => setKind(event.target.value as Kind)}>
                  <option value="customers">Customers</option>
                  <option value="invoices">Invoices</option>
                  <option value="payments">Payments</option>
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="import-dates">Dates written as (optional)</label>
              <input id="import-dates" placeholder="e.g. DD/MM/YYYY" value={dateFormat} onChange={(event) => setDateFormat(event.target.value)} />
            </div>
          </div>
          <div className="buttons">
            <button type="button" onClick={() => send.mutate({ dryRun: true })} disabled={!file || send.isPending}>
              Check the file
            </button>
            <button type="button" className="primary" onClick={() => send.mutate({ dryRun: false })} disabled={!checkedClean || send.isPending}>
              Import
            </button>
            {!checkedClean && file && <span className="muted small">Check the file first: nothing is written until it has no problem.</span>}
          </div>
          {progress !== null && (
            <p>
              <label htmlFor="import-progress">Uploading</label> <progress id="import-progress" max={1} value={progress} /> {Math.round(progress * 100)}%
            </p>
          )}
          <ErrorText error={send.error} />
        </form>
      ) : (
        <p className="muted">A viewer can read the history of imports but not import.</p>
      )}
      {last && <Report report={last} />}
      <h2>History</h2>
      <ErrorText error={history.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">File</th>
              <th scope="col">Holds</th>
              <th scope="col">Status</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {history.data?.data.map((run) => (
              <tr key={run.id}>
                <td>{formatInstant(run.startedAt, formats)}</td>
                <td>{run.fileName}</td>
                <td>{run.kind} ({run.format})</td>
                <td>{run.status}{run.dryRun ? ' (check only)' : ''}</td>
                <td>{run.problemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Report({ report }: { report: ImportReport }) {
  const verdict =
    report.status === 'completed'
      ? `Imported: ${report.rows} rows read.`
      : report.status === 'dry_run'
        ? report.problemCount === 0
          ? `The file is fine: ${report.rows} rows, nothing written yet. Press Import to write them.`
          : `${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} in ${report.rows} rows: nothing was written. Fix the file and check it again.`
        : `Rejected: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'}, nothing was written.`;
  return (
    <section aria-labelledby="report-heading" className="panel">
      <h2 id="report-heading">Report for {report.file}</h2>
      <p role="status" data-testid="import-verdict">{verdict}</p>
      {Object.keys(report.counts).length > 0 && (
        <p className="muted">
          {Object.entries(report.counts)
            .map(([name, count]) => `${name}: ${count}`)
            .join(' · ')}
        </p>
      )}
      {report.problems.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Problems found</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">What to fix</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((problem, index) => (
                <tr key={index}>
                  <td>{problem.line}</td>
                  <td>{problem.column ?? '—'}</td>
                  <td>{problem.value ?? '—'}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
