// /imports — a CSV export (Xero, QuickBooks or the generic layout) is first checked (a dry run:
// the server reads and validates the whole file and writes nothing), its problems listed by file,
// line, column and value with what to fix; only a clean check offers "Import". Then the log of
// past imports. Importing changes the ledger: collectors and owners may; viewers only read.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useCanChange, useFormats } from '../../session.ts';
import { uploadImport, type ImportReport, type ImportRequest, type ImportRunProgress } from './upload.ts';

type Options = Omit<ImportRequest, 'file' | 'dryRun' | 'partial'>;

const kinds = [
  { value: 'invoices', label: 'Invoices (open or all)' },
  { value: 'customers', label: 'Customers and contacts' },
  { value: 'payments', label: 'Payments' },
] as const;
const formats = [
  { value: 'xero', label: 'Xero' },
  { value: 'quickbooks', label: 'QuickBooks' },
  { value: 'generic', label: 'Generic CSV' },
] as const;

interface Step {
  phase: 'sending' | 'reading';
  fraction: number;
  dryRun: boolean;
}

export function ImportsScreen() {
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<Options>({ kind: 'invoices', format: 'xero', dateFormat: '' });
  const [step, setStep] = useState<Step | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<Error | null>(null);
  // While a file is imported (not checked: a check is not logged), the server's progress, as the
  // import log has it: rows read, then chunks checked, then chunks written.
  const latest = useQuery({
    queryKey: ['imports', 'newest'],
    queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 1, order: 'newest' } } })),
    enabled: step !== null && !step.dryRun,
    refetchInterval: 1000,
  });
  const running = latest.data?.data[0];
  const serverProgress = step && !step.dryRun && running?.status === 'running' && running.fileName === file?.name ? running.progress : null;

  const run = async (dryRun: boolean, partial = false) => {
    if (!file) return;
    setError(null);
    if (dryRun) setReport(null);
    setStep({ phase: 'sending', fraction: 0, dryRun });
    try {
      const result = await uploadImport({ ...options, file, dryRun, partial }, (fraction) => setStep({ phase: fraction < 1 ? 'sending' : 'reading', fraction, dryRun }));
      setReport(result);
      // Not awaited: the report and the end of the bar are drawn together, in one render, rather
      // than the bar lingering beside the report while every screen's data is fetched again.
      if (!dryRun) void queryClient.invalidateQueries();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setStep(null);
    }
  };

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    setError(null);
  };

  return (
    <div className="imports">
      <h1>Imports</h1>
      {canChange ? (
        <form className="panel import-form" aria-label="Import a file" onSubmit={(event) => (event.preventDefault(), void run(true))}>
          <p className="muted small">The file is checked first and nothing is written until you confirm. Any problem stops the whole import unless you choose to import only the valid rows.</p>
          <div className="field-row">
            <div className="field">
              <label htmlFor="import-kind">What the file holds</label>
              <select id="import-kind" value={options.kind} onChange={(event) => (setOptions({ ...options, kind: event.target.value as Options['kind'] }), setReport(null))}>
                {kinds.map((kind) => (
                  <option key={kind.value} value={kind.value}>
                    {kind.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-format">Exported from</label>
              <select id="import-format" value={options.format} onChange={(event) => (setOptions({ ...options, format: event.target.value as Options['format'] }), setReport(null))}>
                {formats.map((format) => (
                  <option key={format.value} value={format.value}>
                    {format.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-date-format">Date layout (optional)</label>
              <input id="import-date-format" placeholder={options.format === 'quickbooks' ? 'MM/DD/YYYY' : options.format === 'xero' ? 'DD/MM/YYYY' : 'YYYY-MM-DD'} value={options.dateFormat} onChange={(event) => (setOptions({ ...options, dateFormat: event.target.value }), setReport(null))} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="import-file">CSV file</label>
            <input id="import-file" ref={fileInput} type="file" accept=".csv,text/csv" onChange={(event) => choose(event.target.files?.[0] ?? null)} />
          </div>
          <div className="buttons">
            <button type="submit" className="primary" disabled={!file || step !== null}>
              Check the file
            </button>
            {file && <span className="muted small">{file.name}, {sizeText(file.size)}</span>}
          </div>
          {step && <Progress step={step} server={serverProgress} />}
        </form>
      ) : (
        <p className="muted">You have the viewer role: you can see past imports, not import.</p>
      )}
      <ErrorText error={error} />
      {report && file && <Report report={report} pending={step !== null} onImport={(partial) => void run(false, partial)} onRecheck={() => {
            // Emptied first, so choosing the same (now fixed) file again counts as a choice.
            if (fileInput.current) fileInput.current.value = '';
            fileInput.current?.click();
          }} />}
      <History />
    </div>
  );
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Progress({ step, server }: { step: Step; server: ImportRunProgress | null | undefined }) {
  const doing = step.dryRun ? 'Checking' : 'Importing';
  let label = step.phase === 'sending' ? `${doing}: ${Math.round(step.fraction * 100)}% of the file read` : `${doing}: the last checks across rows…`;
  let value = step.phase === 'sending' ? step.fraction : undefined;
  // Once the whole file is sent, the server's own progress (a large file is checked, then written, in parts).
  if (server && step.phase === 'reading' && server.phase === 'checking') {
    label = `${doing}: checking ${server.rowsStaged.toLocaleString()} rows (${server.chunksChecked} of ${server.chunks} parts)`;
    value = server.chunks > 0 ? server.chunksChecked / server.chunks : undefined;
  } else if (server && step.phase === 'reading' && server.phase === 'writing') {
    label = `${doing}: writing — ${server.rowsWritten.toLocaleString()} of ${server.rowsStaged.toLocaleString()} rows written (${server.chunksWritten} of ${server.chunks} parts)`;
    value = server.chunks > 0 ? server.chunksWritten / server.chunks : undefined;
  }
  return (
    <div className="import-progress" role="status">
      <label htmlFor="import-progress-bar">{label}</label>
      {/* Without a value the bar is "busy": the server is finishing after the last byte arrived. */}
      <progress id="import-progress-bar" max={1} value={value} />
    </div>
  );
}

const countLabels: Record<string, string> = {
  customersCreated: 'customers created',
  customersUpdated: 'customers updated',
  invoicesCreated: 'invoices created',
  invoicesUpdated: 'invoices updated',
  paymentsCreated: 'payments recorded',
  skipped: 'rows skipped',
};

function Counts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts).filter(([, count]) => count > 0);
  if (entries.length === 0) return null;
  return (
    <ul className="counts">
      {entries.map(([key, count]) => (
        <li key={key}>
          <strong>{count}</strong> {countLabels[key] ?? key.replace(/([A-Z])/g, ' $1').toLowerCase()}
        </li>
      ))}
    </ul>
  );
}

function Report({ report, pending, onImport, onRecheck }: { report: ImportReport; pending: boolean; onImport: (partial: boolean) => void; onRecheck: () => void }) {
  const rowsText = `${report.rows} row${report.rows === 1 ? '' : 's'}`;
  if (report.status === 'completed') {
    return (
      <section className="panel import-report good" aria-labelledby="import-report-title">
        <h2 id="import-report-title">Imported {report.file}</h2>
        <p>{rowsText} read.{report.problemCount > 0 && ` ${report.problemCount} row${report.problemCount === 1 ? '' : 's'} with problems left out.`}</p>
        <Counts counts={report.counts} />
        {report.problems.length > 0 && <ProblemTable report={report} />}
      </section>
    );
  }
  if (report.status === 'dry_run') {
    return (
      <section className="panel import-report" aria-labelledby="import-report-title">
        <h2 id="import-report-title">{report.file}: no problems</h2>
        <p>{rowsText} checked; importing would give:</p>
        <Counts counts={report.counts} />
        <div className="buttons">
          <button type="button" className="primary" onClick={() => onImport(false)} disabled={pending}>
            Import {report.file}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="panel import-report bad" aria-labelledby="import-report-title">
      <h2 id="import-report-title">
        {report.file}: {report.problemCount} problem{report.problemCount === 1 ? '' : 's'}, nothing written
      </h2>
      <p>Fix each row below in the file, save it, and check it again.{report.problems.length < report.problemCount && ` The first ${report.problems.length} are listed.`}</p>
      <ProblemTable report={report} />
      <div className="buttons">
        <button type="button" className="primary" onClick={onRecheck} disabled={pending}>
          Choose the fixed file
        </button>
        {report.rows > report.problemCount && (
          <button type="button" onClick={() => onImport(true)} disabled={pending}>
            Import only the valid rows
          </button>
        )}
      </div>
    </section>
  );
}

function ProblemTable({ report }: { report: ImportReport }) {
  return (
    <div className="table-scroll">
      <table className="data-table problems">
        <caption className="visually-hidden">Problems in {report.file}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col" className="num">
              Line
            </th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">What to fix</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((problem, index) => (
            <tr key={index}>
              <td>{problem.file}</td>
              <td className="num">{problem.line}</td>
              <td>{problem.column ?? '—'}</td>
              <td>
                <code>{problem.value ?? ''}</code>
              </td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function History() {
  const formats = useFormats();
  // The log lists oldest first; the newest 500 are read and shown newest first.
  const imports = useQuery({
    queryKey: ['imports'],
    queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 500 } } })),
  });
  const rows = [...(imports.data?.data ?? [])].reverse();
  return (
    <section aria-labelledby="import-history">
      <h2 id="import-history">Past imports</h2>
      <ErrorText error={imports.error} />
      {imports.data && rows.length === 0 && <p className="muted">Nothing has been imported yet.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">File</th>
                <th scope="col">Holds</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Problems
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={run.id}>
                  <td>{formatInstant(run.startedAt, formats)}</td>
                  <td>
                    {run.fileName} <span className="muted small">({run.format})</span>
                  </td>
                  <td>{run.kind}</td>
                  <td>
                    <span className={`status status-${run.status === 'completed' ? 'done' : run.status === 'running' ? 'deferred' : 'failed'}`}>{run.status}</span>
                    {run.partial && <span className="muted small"> valid rows only</span>}
                  </td>
                  <td className="num">{typeof run.summary.rows === 'number' ? run.summary.rows : '—'}</td>
                  <td className="num">{run.problemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
