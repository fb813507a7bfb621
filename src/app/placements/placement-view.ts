// A placement and the agency's payments as the API and `arrears placement … --json` both show
// them: one mapping from the stored rows, so the two cannot drift apart.
import type { PlacementDetail, PlacementRow } from '../../db/queries/placements.ts';
import { commissionPercentText } from '../../domain/placements/commission.ts';

export function placementView(row: PlacementRow) {
  return {
    id: String(row.id),
    agency: row.agency,
    commissionPercent: commissionPercentText(row.commission_bp),
    status: row.status,
    accounts: row.accounts,
    placedOn: row.placed_on,
    placedBy: row.placed_by,
    recalledOn: row.recalled_on,
    recalledBy: row.recalled_by,
    recallReason: row.recall_reason,
    archiveSha256: row.archive_sha256,
    archiveSize: row.archive_size,
  };
}

export function agencyPaymentView(payment: PlacementDetail['payments'][number]) {
  return {
    id: String(payment.id),
    paymentId: String(payment.payment_id),
    customerId: String(payment.customer_id),
    amount: payment.amount,
    commission: payment.commission,
    currency: payment.currency,
    receivedOn: payment.received_on,
    recordedBy: payment.recorded_by,
  };
}
