// Sends a CSV to POST /api/v1/imports as the raw body (text/csv), so the server reads it as it
// arrives (a multipart form would be buffered whole first) and the upload's progress is the
// import's progress. XMLHttpRequest, not fetch: only it reports how much of a body has been sent.
import { ApiError, type components } from '../../api/client.ts';

export type ImportReport = components['schemas']['ImportReport'];
export type ImportProblem = components['schemas']['ImportProblem'];
export type ImportRunProgress = components['schemas']['ImportProgress'];

export interface ImportRequest {
  file: File;
  kind: 'customers' | 'invoices' | 'payments';
  format: 'generic' | 'xero' | 'quickbooks';
  dateFormat: string;
  dryRun: boolean;
  partial: boolean;
}

/** The report: status dry_run or completed (201), or rejected (422, the report in the problem's details). */
export function uploadImport(request: ImportRequest, onProgress: (sentFraction: number) => void): Promise<ImportReport> {
  const query = new URLSearchParams({ kind: request.kind, format: request.format, fileName: request.file.name, dryRun: String(request.dryRun), partial: String(request.partial) });
  if (request.dateFormat.trim()) query.set('dateFormat', request.dateFormat.trim());
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/imports?${query}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload did not reach the server; check the connection and try again'));
    xhr.onload = () => {
      let body: { code?: string; detail?: string; details?: unknown } & Partial<ImportReport> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: reported below by status
      }
      if (xhr.status === 201) resolve(body as ImportReport);
      else if (xhr.status === 422 && body.code === 'import_rejected') resolve(body.details as ImportReport);
      else reject(new ApiError(xhr.status, body.code ?? `http_${xhr.status}`, body.detail ?? `the server answered ${xhr.status}`, body.details));
    };
    xhr.send(request.file);
  });
}
