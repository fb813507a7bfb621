// The organisation's review policy (settings.collections.reviewPolicy; docs/playbooks.md): shown
// with every setting's default beside the value in force, and set by an owner like the arrangement
// policy (app/shared/set-collection-policy.ts). The daily cycle reads it with reviewPolicyOf.
import type { Executor } from '../../db/executor.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { parseReviewPolicy, reviewPolicySchema, type ReviewPolicy } from '../../domain/reviews/review-policy.ts';
import { setCollectionPolicy, type CollectionPolicyChange } from '../shared/set-collection-policy.ts';
import { reviewPolicyOf } from './queue-reviews.ts';

export interface ReviewPolicyView {
  /** The policy in force, defaults filled in. */
  policy: ReviewPolicy;
  /** What each setting is when the organisation has not set it. */
  defaults: ReviewPolicy;
}

export const reviewPolicyDefaults: ReviewPolicy = reviewPolicySchema.parse({});

export async function showReviewPolicy(db: Executor, orgId: bigint): Promise<ReviewPolicyView> {
  const org = await db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
  return { policy: reviewPolicyOf(collectionSettings(org.settings)), defaults: reviewPolicyDefaults };
}

/** Replaces the policy: the settings not given take their defaults. */
export async function setReviewPolicy(db: Executor, orgId: bigint, change: CollectionPolicyChange): Promise<ReviewPolicyView> {
  const policy = await setCollectionPolicy(db, orgId, { key: 'reviewPolicy', activityKind: 'review_policy', name: 'review policy', parse: parseReviewPolicy }, change);
  return { policy, defaults: reviewPolicyDefaults };
}
