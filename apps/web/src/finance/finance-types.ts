// Answers of the finance routes the OpenAPI document does not describe yet (GET /finance/disbursements,
// GET /finance/summary, the bulk decisions, the statement upload): derived from the generated views where they exist;
// the truthful document of issue 11 replaces them with its own (see api/pending-openapi.ts).
import type { components } from '../api/client';

export type Disbursement = Omit<components['schemas']['DisbursementDetailView'], 'history'>;
export interface DisbursementPage {
  items: Disbursement[];
  page: number;
  pageSize: number;
  total: number;
  totalIsExact: boolean;
}
export interface FinanceSummary {
  totals: { programmeCode: string; jurisdictionCode: string; state: string; count: number; amountYuan: string }[];
  budgets: {
    policyId: string;
    name: string;
    status: string;
    budgetYuan: string;
    usedYuan: string;
    remainingYuan: string;
  }[];
}
