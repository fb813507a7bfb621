// The simulation (POST /api/v1/playbooks/simulate) drawn as a calendar: every day of the range in
// weeks, what the cycle would do that day by channel and to the payment plans (an instalment
// missed, a plan defaulted), and the day's actions when one is chosen. Beside a comparison (the
// saved playbooks), each day and channel says how the draft differs.
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { components } from '../../api/client.ts';
import { AmountsByCurrency } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';

export type Simulation = components['schemas']['PlaybookSimulation'];
type SimulatedAction = Simulation['days'][number]['actions'][number];
type PlanEvent = Simulation['days'][number]['planEvents'][number];

/** What the day does to a payment plan, in a word (the timeline entry says the rest). */
export const planEventLabels: Record<PlanEvent['kind'], string> = {
  plan_instalment_paid: 'instalment paid',
  plan_completed: 'plan completed',
  plan_broken: 'instalment missed',
  plan_resumed: 'plan back on track',
  plan_defaulted: 'plan defaulted',
};

function planEventCounts(events: PlanEvent[]): Array<[PlanEvent['kind'], number]> {
  const counts = new Map<PlanEvent['kind'], number>();
  for (const event of events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return [...counts];
}

const channelOrder = ['email', 'letter', 'sms', 'call', 'review'] as const;
type Tally = Record<(typeof channelOrder)[number], number>;

function tally(actions: SimulatedAction[]): Tally {
  const counts: Tally = { email: 0, letter: 0, sms: 0, call: 0, review: 0 };
  for (const action of actions) counts[action.channel] += 1;
  return counts;
}

function weekdayIndex(date: string): number {
  // Monday 0 … Sunday 6, from the plain date alone.
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function SimulationCalendar({ simulation, compareTo, playbook }: { simulation: Simulation; compareTo?: Simulation | undefined; playbook: string }) {
  const { locale } = useFormats();
  const [chosen, setChosen] = useState<string | null>(null);
  const [onlyThis, setOnlyThis] = useState(false);
  const ofInterest = (actions: SimulatedAction[]) => (onlyThis ? actions.filter((action) => action.playbook.startsWith(`${playbook}@`)) : actions);
  // a plan's days belong to no playbook: shown with every customer, not with "only customers on …"
  const eventsOf = (day: Simulation['days'][number]) => (onlyThis ? [] : day.planEvents);
  const before = new Map(compareTo?.days.map((day) => [day.date, tally(ofInterest(day.actions))]));
  const totals = tally(simulation.days.flatMap((day) => ofInterest(day.actions)));
  const totalsBefore = compareTo && tally(compareTo.days.flatMap((day) => ofInterest(day.actions)));

  const weeks: Array<Array<Simulation['days'][number] | null>> = [];
  let week: Array<Simulation['days'][number] | null> = Array.from({ length: weekdayIndex(simulation.from) }, () => null);
  for (const day of simulation.days) {
    week.push(day);
    if (week.length === 7) (weeks.push(week), (week = []));
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  const chosenDay = simulation.days.find((day) => day.date === chosen);
  const weekdays = Array.from({ length: 7 }, (_, index) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index)));

  return (
    <div className="simulation">
      <label className="inline-check">
        <input type="checkbox" checked={onlyThis} onChange={(event) => setOnlyThis(event.target.checked)} /> Only customers on {playbook}
      </label>
      <ul className="sim-totals" aria-label="Actions over the period, by channel" data-testid="simulation-totals">
        {channelOrder.map((channel) => (
          <li key={channel} className={`ch-${channel}`} data-channel={channel} data-count={totals[channel]}>
            <strong>{totals[channel]}</strong> {channel}
            {totalsBefore && totalsBefore[channel] !== totals[channel] && <span className="delta"> ({signed(totals[channel] - totalsBefore[channel])} against saved)</span>}
          </li>
        ))}
      </ul>
      <div className="table-scroll">
        <table className="calendar">
          <caption className="visually-hidden">
            What the cycle would do each day from {formatDate(simulation.from, locale)} to {formatDate(simulation.to, locale)}
          </caption>
          <thead>
            <tr>
              {weekdays.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((days, row) => (
              <tr key={row}>
                {days.map((day, column) => {
                  if (!day) return <td key={column} className="empty" />;
                  const counts = tally(ofInterest(day.actions));
                  const was = before.get(day.date);
                  const changed = was !== undefined && channelOrder.some((channel) => was[channel] !== counts[channel]);
                  const label = channelOrder.filter((channel) => counts[channel] > 0).map((channel) => `${counts[channel]} ${channel}`);
                  const planCounts = planEventCounts(eventsOf(day));
                  return (
                    <td key={column} className={`${changed ? 'changed' : ''} ${day.date === chosen ? 'chosen' : ''}`}>
                      <button type="button" className="day" aria-pressed={day.date === chosen} onClick={() => setChosen(day.date === chosen ? null : day.date)}>
                        <span className="day-number" aria-hidden="true">{Number(day.date.slice(8))}</span>
                        {/* The button's name is its text: the date in full for a screen reader, then the counts. */}
                        <span className="visually-hidden">
                          {formatDate(day.date, locale)}: {label.length === 0 && planCounts.length === 0 ? 'nothing' : ''}
                          {changed ? ' (changed)' : ''}
                        </span>
                        {channelOrder.map((channel) =>
                          counts[channel] > 0 || (was && was[channel] > 0) ? (
                            <span key={channel} className={`count ch-${channel}`}>
                              {counts[channel]} {channel}
                              {was && was[channel] !== counts[channel] && <span className="delta"> {signed(counts[channel] - was[channel])}</span>}
                            </span>
                          ) : null,
                        )}
                        {planCounts.map(([kind, n]) => (
                          <span key={kind} className={`count plan-event plan-event-${kind}`} data-plan-event={kind}>
                            {n} {planEventLabels[kind]}
                          </span>
                        ))}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chosenDay && <DayActions date={chosenDay.date} actions={ofInterest(chosenDay.actions)} planEvents={eventsOf(chosenDay)} />}
    </div>
  );
}

function DayActions({ date, actions, planEvents }: { date: string; actions: SimulatedAction[]; planEvents: PlanEvent[] }) {
  const { locale } = useFormats();
  return (
    <section className="panel" aria-label={`Actions on ${formatDate(date, locale)}`}>
      <h3>{formatDate(date, locale)}</h3>
      {planEvents.length > 0 && (
        <ul className="plain" aria-label="Payment plans">
          {planEvents.map((event) => (
            <li key={`${event.planId}-${event.kind}`}>
              <span className={`count plan-event plan-event-${event.kind}`}>{planEventLabels[event.kind]}</span>{' '}
              <Link to="/customers/$id" params={{ id: event.customerId }}>
                {event.customerExternalId}
              </Link>
              : {event.summary}
            </li>
          ))}
        </ul>
      )}
      {actions.length === 0 ? (
        <p className="muted">Nothing would happen that day.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Step</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Playbook</th>
                <th scope="col" className="num">
                  Amounts
                </th>
              </tr>
            </thead>
            <tbody>
              {actions.map((action, index) => (
                <tr key={index}>
                  <td>
                    <Link to="/customers/$id" params={{ id: action.customerId }}>
                      {action.customerExternalId}
                    </Link>
                  </td>
                  <td>
                    {action.stepName} <span className={`tone tone-${action.tone}`}>{action.tone}</span>
                  </td>
                  <td>{action.channel}</td>
                  <td>
                    <span className={`status status-${action.status}`}>{action.status}</span>
                    {action.reason && action.status !== 'ready' && <span className="muted small"> {action.reason}</span>}
                  </td>
                  <td>{action.playbook}</td>
                  <td className="num">
                    <AmountsByCurrency amounts={action.amounts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
