// Deciding a review: the customer's balance, the case in brief and one button per decision the
// signed-in role may take (the server says which role each needs, and which are not carried out yet).
// An owner deciding on the agency route places the account from here with the customer page's form:
// the decision is recorded first, then the placement made (which hands the file over). Where small
// claims is the suggested route, an owner prepares the claim pack from here too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { useSession } from '../../session.ts';
import { ClaimPackAction } from '../customer/ClaimPack.tsx';
import { PlacementForm } from '../customer/placement-forms.tsx';
import { reviewQuery } from './data.ts';

type ReviewOutcome = components['schemas']['ReviewOutcomeRequest'];
type RecoveryRoute = components['schemas']['ReviewTask']['estimates'][number]['suggested'];

const routeLabels: Record<RecoveryRoute, string> = { settlement: 'Settlement offer', agency: 'Collection agency', small_claims: 'Small-claims court', write_off: 'Write-off' };

export function ReviewPanel({ actionId, onDone }: { actionId: string; onDone: () => void }) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const review = useQuery(reviewQuery(actionId));
  const [until, setUntil] = useState('');
  const [placing, setPlacing] = useState(false);
  /** Whether the agency decision is recorded already (a failed placement is tried again without it). */
  const decidedAgency = useRef(false);
  const decide = useMutation({
    mutationFn: (body: ReviewOutcome) => unwrap(api.POST('/api/v1/actions/{id}/review-outcome', { params: { path: { id: actionId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['worklist'] });
      onDone();
    },
  });
  if (review.error) return <ErrorText error={review.error} />;
  if (!review.data) return <p className="loading">Loading the review…</p>;
  const { customer, balances, outcomes } = review.data;
  /** Whether the signed-in role may take a decision that needs `needed` (the server checks it again). */
  const allowed = (needed: 'owner' | 'collector') => role === 'owner' || (role === 'collector' && needed === 'collector');
  const { rule, estimates } = review.data;
  return (
    <article className="work-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">
        Review: {review.data.stepName} — <Link to="/customers/$id" params={{ id: customer.id }}>{customer.name}</Link>
      </h2>
      <div className="balances">
        {balances.map((balance) => (
          <p key={balance.currency}>
            Owes <strong><Money amount={balance.balance} currency={balance.currency} /></strong>, of which <Money amount={balance.overdue} currency={balance.currency} /> overdue ({balance.invoices} invoices)
          </p>
        ))}
      </div>
      {review.data.case && (
        <p className="muted">
          Case open {review.data.case.daysOpen} days · promises kept {review.data.case.promises.kept}, broken {review.data.case.promises.broken} · open disputes {review.data.case.openDisputes}
        </p>
      )}
      {rule && (
        <p>
          <strong>Why it is here:</strong> {rule.label}. {rule.reason}
        </p>
      )}
      {estimates.map((estimate) => (
        <div key={estimate.currency} className="table-scroll">
          <table className="estimates">
            <caption>
              What each route would recover of <Money amount={estimate.balance} currency={estimate.currency} /> (suggested: {routeLabels[estimate.suggested]})
            </caption>
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col" className="num">Recovered</th>
                <th scope="col" className="num">Cost</th>
                <th scope="col" className="num">Net</th>
                <th scope="col">On what</th>
              </tr>
            </thead>
            <tbody>
              {estimate.routes.map((route) => (
                <tr key={route.route} className={route.route === estimate.suggested ? 'suggested' : undefined}>
                  <th scope="row">
                    {routeLabels[route.route]}
                    {route.enabled ? '' : ' (not enabled)'}
                  </th>
                  <td className="num"><Money amount={route.recovered} currency={estimate.currency} /></td>
                  <td className="num"><Money amount={route.cost} currency={estimate.currency} /></td>
                  <td className="num">{route.net === null ? 'no court fee set' : <Money amount={route.net} currency={estimate.currency} />}</td>
                  <td className="muted small">{route.basis}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h3>Decision</h3>
      <div className="field">
        <label htmlFor="pause-until">Pause until (for “pause”)</label>
        <input id="pause-until" type="date" value={until} onChange={(event) => setUntil(event.target.value)} />
      </div>
      <ul className="decisions">
        {outcomes.map((outcome) => (
          <li key={outcome.code}>
            <button
              type="button"
              disabled={!allowed(outcome.role) || decide.isPending}
              onClick={() => decide.mutate({ outcome: outcome.code as ReviewOutcome['outcome'], ...(outcome.code === 'pause_until' && until ? { until } : {}) })}
            >
              {outcome.label}
            </button>{' '}
            {outcome.code === 'agency' && role === 'owner' && (
              <>
                <button type="button" onClick={() => setPlacing(!placing)} aria-expanded={placing}>
                  Place with an agency
                </button>{' '}
              </>
            )}
            <span className="muted small">
              {outcome.does}
              {!allowed(outcome.role) ? ` — needs the ${outcome.role} role` : ''}
            </span>
          </li>
        ))}
      </ul>
      {placing && (
        <PlacementForm
          customerId={customer.id}
          beforePlacing={async () => {
            if (decidedAgency.current) return;
            await unwrap(api.POST('/api/v1/actions/{id}/review-outcome', { params: { path: { id: actionId } }, body: { outcome: 'agency', note: 'placed with an agency from the worklist' } }));
            decidedAgency.current = true;
          }}
          done={() => {
            setPlacing(false);
            if (decidedAgency.current) onDone();
          }}
        />
      )}
      {role === 'owner' && estimates.some((estimate) => estimate.suggested === 'small_claims') && (
        <section aria-labelledby="claim-pack-heading">
          <h3 id="claim-pack-heading">Small-claims court (the suggested route)</h3>
          <ClaimPackAction customerId={customer.id} />
        </section>
      )}
      <ErrorText error={decide.error} />
    </article>
  );
}
