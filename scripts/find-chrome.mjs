// One place that decides which Chromium the tests drive: CHROME_PATH, else the first
// chromium/chrome on the PATH. Without one, stop with a message that says what to do.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChrome() {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  throw new Error(
    'No Chromium found. Install it (Debian: `apt-get install -y chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}

export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-component-update', '--disable-background-networking'];
