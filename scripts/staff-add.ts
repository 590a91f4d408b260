/**
 * `npm run staff:add -- --practice <slug> --email <address> --name <name> --role owner|office|clinician
 *    [--language en|es] [--clinician-id <id>] [--console-url <https URL>]`
 *
 * For platform engineers: adds a staff member to a practice in the database under DATA_DIR (as
 * the endpoint finds it), typically the practice's first owner, who then signs in to the console
 * by emailed link and adds everyone else. `--console-url` sets (or alone, only sets) the
 * practice's console page, where staff sign-in links point. Prints ids only: nothing secret.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../server/clock.js';
import { migrate } from '../server/db/migrate.js';
import { closeDatabase, openDatabase } from '../server/db/open.js';
import { transaction } from '../server/db/transaction.js';
import { STAFF_ROLES, type StaffRole } from '../server/office/actor.js';
import { findClinician } from '../server/repos/catalog.js';
import { normalizeEmail } from '../server/repos/clients.js';
import { findPracticeBySlug } from '../server/repos/practices.js';
import { createStaff, findStaffByEmail } from '../server/repos/staff.js';
import { DATABASE_FILE_NAME } from '../server/runtime.js';
import { consolePage, setConsoleUrl } from '../server/staff/console-page.js';

const USAGE =
  'Usage: npm run staff:add -- --practice <slug> [--email <address> --name <name> --role owner|office|clinician ' +
  '[--language en|es] [--clinician-id <id>]] [--console-url <https URL>]';

class UsageError extends Error {}

function main(): void {
  // As the endpoint's entry points: whatever this creates under DATA_DIR is owner-only.
  process.umask(0o077);
  const { values } = parseArgs({
    options: {
      practice: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      language: { type: 'string', default: 'en' },
      'clinician-id': { type: 'string' },
      'console-url': { type: 'string' },
    },
    strict: true,
  });
  if (!values.practice) throw new UsageError('--practice is required.');
  const addsMember = values.email !== undefined || values.name !== undefined || values.role !== undefined;
  if (!addsMember && values['console-url'] === undefined) throw new UsageError('Nothing to do.');

  const db = openDatabase(join(process.env.DATA_DIR?.trim() || '.data', DATABASE_FILE_NAME));
  try {
    migrate(db, systemClock);
    const practice = findPracticeBySlug(db, values.practice);
    if (!practice) throw new UsageError(`No practice "${values.practice}" in this database.`);
    transaction(db, () => {
      const consoleUrl = values['console-url'];
      if (consoleUrl !== undefined) {
        if (!consolePage(consoleUrl)) throw new UsageError('--console-url must be https (or http on localhost).');
        setConsoleUrl(db, systemClock.now(), practice.id, consoleUrl);
        console.log(`Console page of ${practice.slug} set.`);
      }
      if (!addsMember) return;
      const { email, name, role } = values;
      if (!email || !name || !role) throw new UsageError('--email, --name and --role go together.');
      if (!STAFF_ROLES.includes(role as StaffRole)) throw new UsageError('--role is owner, office or clinician.');
      if (!/^[a-z]{2,3}$/.test(values.language)) throw new UsageError('--language is a language code such as en or es.');
      const address = normalizeEmail(email);
      if (!/^[^@\s]+@[^@\s]+$/.test(address)) throw new UsageError('--email is not an address.');
      if (findStaffByEmail(db, practice.id, address)) throw new UsageError('A staff member with that address exists at this practice.');
      const clinicianId = values['clinician-id'] === undefined ? null : Number(values['clinician-id']);
      if (role === 'clinician' && (clinicianId === null || !findClinician(db, practice.id, clinicianId))) {
        throw new UsageError('A clinician member needs --clinician-id of a clinician of this practice.');
      }
      const staff = createStaff(db, systemClock.now(), {
        practiceId: practice.id,
        email: address,
        name,
        role: role as StaffRole,
        clinicianId: role === 'clinician' ? clinicianId : null,
        preferredLanguage: values.language,
      });
      console.log(`Added staff member ${staff.id} (${staff.role}) to ${practice.slug}. They sign in on the console page by emailed link.`);
    });
  } finally {
    closeDatabase(db);
  }
}

try {
  main();
} catch (err) {
  if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  throw err;
}
