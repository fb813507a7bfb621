// Amounts per currency, each in its own format; several currencies are listed, never added.
import { formatAmount } from '../lib/format.ts';
import { useFormats } from '../session.ts';

export function Money({ amount, currency }: { amount: number | bigint; currency: string }) {
  const { locale } = useFormats();
  return <span className="money">{formatAmount(amount, currency, locale)}</span>;
}

export function AmountsByCurrency({ amounts }: { amounts: Record<string, number> }) {
  const entries = Object.entries(amounts);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <span className="amounts">
      {entries.map(([currency, amount]) => (
        <Money key={currency} amount={amount} currency={currency} />
      ))}
    </span>
  );
}
