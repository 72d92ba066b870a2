import { type Access, READERS } from '../auth/access-matrix.js';

/** The monthly report (rows of the one access matrix, core/auth/access-matrix.ts). */
export const monthlyReportAccess: Readonly<Record<string, Access>> = {
  // Every reader, scoped to the appeals the role may see (the files too: report.route.ts).
  'Query.monthlyReport': READERS,
  // A signed, short-lived link to a report file: whoever may read the report (the file is scoped to them).
  'Mutation.reportDownloadLink': READERS,
};
