/**
 * A private PostgreSQL 15 server for tests and the bench: a new data folder in a temporary
 * directory, loopback only, trust authentication, started as the postgres user when run as root
 * (the server refuses root), stopped by its own process id. Debian keeps the binaries in
 * /usr/lib/postgresql/15/bin (DOUDI_PG_BIN overrides).
 *
 * Run as a script it starts one and prints its URL and pid (.ci/run uses this):
 *   node --import tsx scripts/engines/postgres.ts start DIR   → prints postgres://… and writes DIR/url, DIR/pid
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAlone } from '../alone.ts';

export interface PostgresServer {
  readonly url: string;
  readonly pid: number;
  readonly dir: string;
  stop(): void;
}

const BIN = process.env.DOUDI_PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a server, or says why it cannot. */
export async function startPostgres(into?: string): Promise<PostgresServer | string> {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) return `PostgreSQL 15 is not installed (no ${BIN}/initdb; apt-get install -y postgresql)`;
  const root = process.getuid?.() === 0;
  const dir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), 'doudi-pg-'));
  fs.mkdirSync(dir, { recursive: true });
  const as = (cmd: string, args: string[]) => (root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' }));
  if (root) spawnSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const init = as(path.join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) return `initdb failed: ${init.stderr || init.stdout}`;
  const port = await freePort();
  const opts = `-k ${dir} -c listen_addresses=127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = as(path.join(BIN, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  if (start.status !== 0) return `pg_ctl start failed: ${start.stderr || start.stdout}${fs.existsSync(path.join(dir, 'log')) ? fs.readFileSync(path.join(dir, 'log'), 'utf8') : ''}`;
  const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    pid,
    dir,
    stop() {
      stopPid(pid);
      if (!into) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fast shutdown of the postmaster by its pid (SIGINT), waiting until it has gone. */
export function stopPid(pid: number): void {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    spawnSync('sleep', ['0.1']);
  }
}

if (runAlone(import.meta.url, 'postgres.ts')) {
  const [cmd, dir] = process.argv.slice(2);
  if (cmd === 'start' && dir) {
    const s = await startPostgres(path.resolve(dir));
    if (typeof s === 'string') {
      console.error(s);
      process.exit(1);
    }
    fs.writeFileSync(path.join(dir, 'url'), s.url);
    fs.writeFileSync(path.join(dir, 'pid'), String(s.pid));
    console.log(s.url);
  } else if (cmd === 'stop' && dir) {
    stopPid(Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8')));
  } else {
    console.error('usage: postgres.ts start DIR | stop DIR');
    process.exit(2);
  }
}
