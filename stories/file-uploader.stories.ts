import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/file-uploader/file-uploader.define.js';
import type { FileUploader } from '../src/elements/file-uploader/file-uploader.js';
import { PortalApiError } from '../src/core/api/errors.js';
import { configurePortal, connect } from '../src/core/config.js';
import { ENDPOINT } from '../test/support/data.js';
import { drawing, intakePdf, moodCsvText, noFiles, pendingScan, pngBytes, policy, refusedScan, stored, withFiles } from '../test/support/file-data.js';
import type { FakeTransport } from '../test/support/fake-transport.js';
import { FakeUploader, type FakeUpload } from '../test/support/fake-uploader.js';
import { household, maya } from '../test/support/profile-data.js';
import { withFakePortal, type PortalSetup } from './support/fake-portal.js';

/**
 * Files a client shares with their clinician, for the acting profile (Jordan's own here).
 * Uploads run on a fake uploader that moves on by itself; the endpoint is scripted. Keyboard:
 * Tab reaches "Choose files" (Enter opens the file dialog), then each row's Cancel, Retry or
 * Dismiss, then each file's Open and Download; the opened file's heading takes focus, and
 * Close returns it to Open.
 */
const meta: Meta = {
  title: 'Widgets/file-uploader',
  component: 'file-uploader',
  decorators: [withFakePortal],
  render: () => html`<file-uploader endpoint=${ENDPOINT}></file-uploader>`,
};
export default meta;
type Story = StoryObj;
type Play = NonNullable<Story['play']>;

const FILES = 'GET /profiles/11/files';

/** Signed in as Jordan acting for themself, with `more` scripting the endpoint and uploads. */
const signedIn = (more: PortalSetup, script?: (upload: FakeUpload, api: FakeTransport) => void): { portal: PortalSetup } => ({
  portal: (api) => {
    sessionStorage.clear();
    const uploader = new FakeUploader();
    uploader.script = script && ((upload) => script(upload, api));
    configurePortal({ uploader: () => uploader });
    api.reply('GET /me/profiles', household(11)).reply(FILES, noFiles);
    more(api);
    connect(ENDPOINT).session.set({ token: 'story' });
  },
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

async function element(canvas: HTMLElement): Promise<FileUploader> {
  const el = canvas.querySelector('file-uploader')!;
  await settle();
  await el.updateComplete;
  return el;
}

/** Picks files as the file dialog would. */
const choose =
  (...files: File[]): Play =>
  async ({ canvasElement }) => {
    const el = await element(canvasElement);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(f);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await settle();
  };

const bytes = (size: number) => new Uint8Array(size);
const pdf = new File([bytes(180_000)], 'referral letter.pdf');
const recording = new File([bytes(2_400_000)], 'session recording.m4a');

const open =
  (index: number): Play =>
  async ({ canvasElement }) => {
    const el = await element(canvasElement);
    el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="open-button"]')[index].click();
    await settle();
  };

const stories = {
  SignedOut: { parameters: { portal: () => sessionStorage.clear() } },
  NoProfileChosen: { parameters: signedIn((api) => api.reply('GET /me/profiles', household())) },
  Loading: { parameters: signedIn((api) => api.hold(FILES)) },
  Empty: {},
  Files: { parameters: signedIn((api) => api.reply(FILES, withFiles())) },
  /** R52: a file waiting for the malware scan shows "Checking…" (the list is fetched again every 5 s); a refused one says so calmly. */
  Checking: { parameters: signedIn((api) => api.reply(FILES, withFiles([pendingScan, refusedScan, intakePdf]))) },
  LoadError: { parameters: signedIn((api) => api.fail(FILES, 'network')) },
  ViewOnly: {
    parameters: signedIn((api) => api.reply('GET /me/profiles', household(maya.id)).reply('GET /profiles/12/files', withFiles([drawing]))),
  },
  NarrowedByAttributes: {
    render: () => html`<file-uploader endpoint=${ENDPOINT} accept=".pdf,image/*" max-size="5242880"></file-uploader>`,
  },
  LittleSpaceLeft: {
    parameters: signedIn((api) => api.reply(FILES, { files: [], policy: { ...policy, usedBytes: policy.quotaBytes - 3_000_000 } })),
  },
  Uploading: {
    parameters: signedIn(() => undefined, (upload) => setTimeout(() => upload.progress(upload.file.size > 1e6 ? 42 : 88), 10)),
    play: choose(pdf, recording),
  },
  Refused: {
    play: choose(
      new File([bytes(10)], 'setup.exe'),
      new File([], 'empty notes.csv'),
      new File([bytes(26 * 1024 * 1024)], 'scan.pdf'),
    ),
  },
  Uploaded: {
    parameters: signedIn(
      () => undefined,
      (upload, api) =>
        setTimeout(() => {
          const file = stored(60, upload.file.name, 'pdf', upload.file.size);
          api.reply(FILES, withFiles([file]));
          upload.succeed(file);
        }, 10),
    ),
    play: choose(pdf),
  },
  ConnectionLost: {
    parameters: signedIn(() => undefined, (upload) => setTimeout(() => upload.fail(new PortalApiError('network')), 10)),
    play: choose(recording),
  },
  RefusedByEndpoint: {
    parameters: signedIn(
      () => undefined,
      (upload) =>
        setTimeout(
          () =>
            upload.fail(
              upload.file.name.endsWith('.pdf')
                ? new PortalApiError('unsupported_type', { status: 415, reason: 'unsupported_type' })
                : new PortalApiError('payload_too_large', { status: 413, reason: 'quota_exceeded' }),
            ),
          10,
        ),
    ),
    play: choose(pdf, recording),
  },
  CsvOpen: {
    parameters: signedIn((api) =>
      api.reply(FILES, withFiles()).reply('GET /profiles/11/files/41', new Blob([moodCsvText], { type: 'text/csv' })),
    ),
    play: open(0),
  },
  ImageOpen: {
    parameters: signedIn((api) =>
      api.reply(FILES, withFiles([drawing])).reply('GET /profiles/11/files/44', new Blob([pngBytes], { type: 'image/png' })),
    ),
    play: open(0),
  },
} satisfies Record<string, Story>;

// Stories without their own parameters start from the signed-in empty profile.
const base = signedIn(() => undefined);
const withBase = (story: Story): Story => ({ parameters: base, ...story });
const spanish = (story: Story): Story => ({ ...withBase(story), globals: { locale: 'es' } });

export const SignedOut: Story = stories.SignedOut;
export const NoProfileChosen: Story = stories.NoProfileChosen;
export const Loading: Story = stories.Loading;
export const Empty: Story = withBase(stories.Empty);
export const Files: Story = stories.Files;
export const Checking: Story = stories.Checking;
export const LoadError: Story = stories.LoadError;
export const ViewOnly: Story = stories.ViewOnly;
export const NarrowedByAttributes: Story = withBase(stories.NarrowedByAttributes);
export const LittleSpaceLeft: Story = stories.LittleSpaceLeft;
export const Uploading: Story = stories.Uploading;
export const Refused: Story = withBase(stories.Refused);
export const Uploaded: Story = stories.Uploaded;
export const ConnectionLost: Story = stories.ConnectionLost;
export const RefusedByEndpoint: Story = stories.RefusedByEndpoint;
export const CsvOpen: Story = stories.CsvOpen;
export const ImageOpen: Story = stories.ImageOpen;

export const SignedOutEs: Story = spanish(stories.SignedOut);
export const NoProfileChosenEs: Story = spanish(stories.NoProfileChosen);
export const LoadingEs: Story = spanish(stories.Loading);
export const EmptyEs: Story = spanish(stories.Empty);
export const FilesEs: Story = spanish(stories.Files);
export const CheckingEs: Story = spanish(stories.Checking);
export const LoadErrorEs: Story = spanish(stories.LoadError);
export const ViewOnlyEs: Story = spanish(stories.ViewOnly);
export const UploadingEs: Story = spanish(stories.Uploading);
export const RefusedEs: Story = spanish(stories.Refused);
export const UploadedEs: Story = spanish(stories.Uploaded);
export const ConnectionLostEs: Story = spanish(stories.ConnectionLost);
export const RefusedByEndpointEs: Story = spanish(stories.RefusedByEndpoint);
export const CsvOpenEs: Story = spanish(stories.CsvOpen);
export const ImageOpenEs: Story = spanish(stories.ImageOpen);
