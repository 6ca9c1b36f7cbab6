import { AppError } from '../platform/errors.js';
import type { Finding } from './findings.model.js';

/**
 * A report that fails validation (EXCHANGE.md §2.2) cannot be submitted or published: the error
 * carries the findings that block it (errors, or warnings not yet acknowledged with a reason).
 */
export class ReportBlockedError extends AppError {
  constructor(
    code:
      | 'ERR_REPORT_INVALID'
      | 'ERR_REPORT_WARNINGS_UNACKNOWLEDGED'
      | 'ERR_REPORT_FIGURES_MISSING'
      | 'ERR_REPORT_NARRATIVE_INCOMPLETE',
    message: string,
    readonly findings: Finding[] = [],
  ) {
    super(code, 422, message);
    this.name = 'ReportBlockedError';
  }
}
