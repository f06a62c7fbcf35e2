// The fault suite's figures as Markdown (bench/fault.sh): the count (count.tsv, from
// bench/fault_count.sql) and the replays (replays.json, from end2end/fault/outbox.fault.ts).
// Usage: node bench/fault_report.mjs OUT_DIR SECONDS_TAKEN
import { existsSync, readFileSync } from 'node:fs';

const [out, seconds] = [process.argv[2], Number(process.argv[3])];
const rows = readFileSync(`${out}/count.tsv`, 'utf8').split('\n').filter((l) => l.trim()).map((l) => l.split('\t'));
const data = existsSync(`${out}/replays.json`) ? JSON.parse(readFileSync(`${out}/replays.json`, 'utf8')) : { replays: [] };
const names = {
  exit: 'exits (出有限空间)', gas: 'gas tests (气体检测)', patrol: 'patrol answers (巡查)',
  hazard: 'hazard reports (随手拍)', signin: 'training sign-ins (签到)', total: '**total**',
};
const mmss = (s) => `${Math.floor(Math.round(s) / 60)} min ${String(Math.round(s) % 60).padStart(2, '0')} s`;
const replays = data.replays;
const faults = replays.flatMap((r) => r.faults);
const kills = faults.filter((f) => f.what === 'server-kill').length;
const restarts = faults.filter((f) => f.what === 'pg-restart').length;
const lines = [];
lines.push(
  `FAULT_N=${data.n ?? '?'}, ${replays.length} replays (the first, then ${data.repeats ?? '?'} repeats of the same ` +
    `records with the same client ids); the server SIGKILLed ${kills} times and PostgreSQL restarted ` +
    `${restarts} times in all; the whole suite took ${mmss(seconds)} (PostgreSQL, server, fixtures, replays, count; the build apart).`,
  '',
  '| kind | expected | stored | lost | duplicated | refused | photos stored / expected |',
  '|---|---:|---:|---:|---:|---:|---:|',
);
for (const [kind, expected, stored, lost, dup, refused, pe, ps] of rows) {
  lines.push(`| ${names[kind] ?? kind} | ${expected} | ${stored} | ${lost} | ${dup} | ${refused} | ${pe === '0' ? '–' : `${ps} / ${pe}`} |`);
}
lines.push(
  '',
  '| replay | queued offline | queueing took | sent (outbox) | refused | left waiting | send attempts | faults (share of the replay done when struck; audit rows then; back after) | replay took |',
  '|---:|---:|---:|---:|---:|---:|---:|---|---:|',
);
for (const r of replays) {
  const f = r.faults
    .map((x) => `${x.what === 'server-kill' ? 'SIGKILL server' : 'PostgreSQL restart'} at ${Math.round(x.progress * 100)} % (${x.rows} rows; ${x.downSeconds.toFixed(1)} s)`)
    .join('; ');
  lines.push(
    `| ${r.replay} | ${r.queued} | ${r.queueSeconds.toFixed(1)} s | ${r.sent} | ${r.refused} | ${r.pending} | ${r.attempts} | ${f} | ${mmss(r.replaySeconds)} |`,
  );
}
for (const r of replays) for (const reason of r.reasons ?? []) lines.push('', `Refused in replay ${r.replay}: ${reason}`);
console.log(lines.join('\n'));
