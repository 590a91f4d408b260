import type { SignedCopy } from '../../src/contract/index.js';
import { downloadHeaders } from '../files/download.js';
import { signedCopyPdf } from './pdf.js';

/** The signed copy as a PDF download (the client's route and the office's): its bytes and the download headers (R51). */
export async function signedCopyDownload(copy: SignedCopy, profileName: string): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const bytes = await signedCopyPdf(copy, profileName);
  const name = `${copy.signature.title || 'document'} v${copy.signature.version}.pdf`.replace(/[\\/:*?"<>|]/g, '-');
  return { headers: downloadHeaders('application/pdf', bytes.byteLength, name), body: Buffer.from(bytes) };
}
