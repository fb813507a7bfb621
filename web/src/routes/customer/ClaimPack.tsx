// "Prepare small-claims pack" (owners; the server checks the role again): asks the server for the
// pack (POST /api/v1/customers/{id}/claim-pack) and saves the PDF, or lists every reason it was
// refused beside the button, in the server's words. The court follows the customer's country and
// region (England and Wales, or California), as in `arrears claim-pack`: there is nothing to choose.
import { useMutation } from '@tanstack/react-query';
import { api, ApiError, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';

/** The reasons of a 422 claim_refused; null for any other failure. */
function refusalReasons(error: Error | null): string[] | null {
  if (!(error instanceof ApiError) || error.code !== 'claim_refused') return null;
  const reasons = (error.details as { reasons?: unknown } | undefined)?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [error.message];
}

function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // the download has its own copy; free the URL once the click has been handled
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `where`: the customer's country and region, when the screen has them. */
export function ClaimPackAction({ customerId, where }: { customerId: string; where?: { country: string | null; region: string | null } }) {
  const prepare = useMutation({
    mutationFn: async () => {
      const blob = await unwrap(api.POST('/api/v1/customers/{id}/claim-pack', { params: { path: { id: customerId } }, parseAs: 'blob' }));
      saveFile(blob as Blob, `claim-pack-${customerId}.pdf`);
    },
  });
  const reasons = refusalReasons(prepare.error);
  const place = where === undefined ? null : where.country ? `${where.country}${where.region ? `, ${where.region}` : ''}` : 'no country recorded';
  return (
    <div className="claim-pack" data-testid="claim-pack">
      <p className="muted small">
        A PDF to check and file with the court yourself: the claim to the day, the court’s limit and fee, the letter before action, the statement and the timeline. It is not legal
        advice. The court follows the customer’s address{place ? ` (${place})` : ''}: England and Wales, or California.
      </p>
      <button type="button" onClick={() => prepare.mutate()} disabled={prepare.isPending} aria-describedby={reasons ? `claim-refused-${customerId}` : undefined}>
        {prepare.isPending ? 'Preparing…' : 'Prepare small-claims pack'}
      </button>
      {prepare.isSuccess && (
        <p role="status" className="notice">
          The pack was downloaded. Check it before filing.
        </p>
      )}
      {reasons && (
        <div role="alert" className="error" id={`claim-refused-${customerId}`}>
          <p>No pack can be made:</p>
          <ul>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {!reasons && <ErrorText error={prepare.error} />}
    </div>
  );
}
