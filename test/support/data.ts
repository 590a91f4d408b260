import type { PracticeInfo } from '../../src/contract/index.js';

export const lakesideInfo: PracticeInfo = {
  name: 'Lakeside Counseling',
  phone: '+15555550142',
  phoneDisplay: '(555) 555-0142',
  timeZone: 'America/Chicago',
  languages: ['en', 'es'],
};

export const ENDPOINT = 'https://portal.example.test/p/lakeside';
