// Runs a browser test suite several times in a row while a busy loop holds one core, so that a
// test which only passes on a quiet machine shows itself here rather than in someone's CI.
//
//   node scripts/stress-tests.mjs e2e 5     (npm run test:e2e:stress)
//   node scripts/stress-tests.mjs unit 1    (npm run test:unit:stress)
//
// Prints one line per run and a closing line; exits non-zero if any run failed. The busy loop
// is stopped at the end, on failure and on Ctrl-C alike.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const suites = {
  e2e: {
    prepare: ['npm', ['run', '--silent', 'build:bundle']],
    run: () => [
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=1', ...readdirSync('test/e2e').filter((f) => f.endsWith('.test.ts')).map((f) => `test/e2e/${f}`)],
    ],
    // node:test's TAP totals
    counts: (out) => ({ passed: last(out, /^# pass (\d+)$/m), failed: last(out, /^# fail (\d+)$/m) }),
  },
  unit: {
    prepare: ['npx', ['lit-localize', 'build']],
    run: () => ['npx', ['wtr']],
    // web-test-runner's summary: "… | 151 passed, 0 failed"
    counts: (out) => ({ passed: last(out, /(\d+) passed, \d+ failed/), failed: last(out, /\d+ passed, (\d+) failed/) }),
  },
};

const [name = 'e2e', runsArg] = process.argv.slice(2);
const suite = suites[name];
if (!suite) {
  console.error(`usage: node scripts/stress-tests.mjs <${Object.keys(suites).join('|')}> [runs]`);
  process.exit(2);
}
const runs = Number(runsArg ?? (name === 'e2e' ? 5 : 1));

function last(text, pattern) {
  const all = [...text.matchAll(new RegExp(pattern, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'))];
  return all.length ? Number(all.at(-1)[1]) : NaN;
}

const prepared = spawnSync(suite.prepare[0], suite.prepare[1], { stdio: 'inherit' });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const hog = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
const stopHog = () => hog.exitCode === null && hog.kill('SIGKILL');
process.on('exit', stopHog);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function runOnce() {
  const [command, args] = suite.run();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => resolve({ code, out }));
  });
}

console.log(`${name}: ${runs} run(s) with a busy loop on one core (pid ${hog.pid})`);
let failedRuns = 0;
for (let i = 1; i <= runs; i++) {
  const started = Date.now();
  const { code, out: raw } = await runOnce();
  // Some runners colour their output whatever the terminal; ESC is built so the pattern holds no control character.
  const out = raw.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '');
  const { passed, failed } = suite.counts(out);
  const ok = code === 0 && failed === 0 && passed > 0;
  if (!ok) {
    failedRuns++;
    const failures = out.split('\n').filter((line) => /^not ok|✖|❌|Error:|failed/.test(line)).slice(0, 20);
    console.log(failures.join('\n'));
  }
  console.log(`run ${i}/${runs}: ${ok ? 'ok' : 'FAILED'} (${passed} tests passed, ${failed} failed, exit ${code}) in ${Math.round((Date.now() - started) / 1000)} s`);
}
stopHog();
console.log(`${name} under load: ${runs - failedRuns} of ${runs} runs passed`);
process.exit(failedRuns ? 1 : 0);
