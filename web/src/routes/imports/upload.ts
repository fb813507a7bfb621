// Uploading a CSV to POST /api/v1/imports with a progress figure: fetch cannot report upload
// progress, so this one request goes through XMLHttpRequest, typed by the same generated schema.
// A rejected file (422) still carries the full report, in the problem's `details`.
import { ApiError, type components, type paths } from '../../api/client.ts';

export type ImportReport = components['schemas']['ImportReport'];
type ImportQuery = NonNullable<paths['/api/v1/imports']['post']['parameters']['query']>;

export function uploadImport(file: File, query: ImportQuery, onProgress: (fraction: number) => void): Promise<ImportReport> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/imports?${params}`);
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new Error('the upload failed: the server could not be reached'));
    request.onload = () => {
      let body: any;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        return reject(new ApiError(request.status, `http_${request.status}`, `the server answered ${request.status}`));
      }
      if (request.status === 201) return resolve(body as ImportReport);
      if (request.status === 422 && body?.details?.problems) return resolve(body.details as ImportReport);
      reject(new ApiError(request.status, body?.code ?? `http_${request.status}`, body?.detail ?? `the server answered ${request.status}`));
    };
    request.send(file);
  });
}
