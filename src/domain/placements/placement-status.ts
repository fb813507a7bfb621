// A placement's statuses: 'placed' while the agency holds the accounts (Arrears does not chase its
// invoices), 'recalled' once they are taken back (chasing resumes).
export const placementStatuses = ['placed', 'recalled'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/** The status in which a placement's invoices are the agency's to collect. */
export const standingPlacementStatus: PlacementStatus = 'placed';
