import { createServer } from 'node:http';
import pg from 'pg';
import { appealsPageStatement } from './appeal-page-cases.js';

/**
 * The floor of the read benchmark: what a hand-written endpoint sends with
 * `pg` for the appeals page (one statement with the joins, the filters and
 * order of the query string: `appealsPageStatement`) and returns as JSON, with no GraphQL, no ORM and no access control. Run as its own process:
 * `RAW_DATABASE_URL=... RAW_PORT=... tsx bench/support/raw-sql-server.ts`.
 */
const pool = new pg.Pool({ connectionString: process.env.RAW_DATABASE_URL, max: Number(process.env.RAW_POOL_MAX ?? 10) });

const server = createServer(async (req, res) => {
  if (req.url === '/health') {
    res.end('ok');
    return;
  }
  req.resume();
  try {
    const { rows } = await pool.query(appealsPageStatement(new URL(req.url ?? '/', 'http://raw').searchParams));
    const nodes = rows.slice(0, 50).map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      channel: r.channel,
      summary: r.summary,
      receivedAt: r.received_at,
      dueAt: r.due_at,
      answeredAt: r.answered_at,
      pausedAt: r.paused_at,
      organization: r.organization_id ? { id: r.organization_id, shortName: r.organization_short_name } : null,
      municipality: r.municipality_id ? { id: r.municipality_id, name: r.municipality_name } : null,
      sector: r.sector_code ? { code: r.sector_code, name: r.sector_name } : null,
      category: r.category_code ? { code: r.category_code, name: r.category_name } : null,
    }));
    const body = JSON.stringify({ data: { appeals: { nodes, hasNextPage: rows.length > 50 } } });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});

server.listen(Number(process.env.RAW_PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
