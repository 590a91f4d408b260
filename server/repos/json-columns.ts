/**
 * Reading JSON text columns back. The schema's CHECKs guarantee valid JSON of the right
 * shape, so a parse failure here means someone wrote around the repositories: fail loudly.
 */
export function parseStringArray(text: string, column: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new Error(`Column ${column} does not hold a JSON array of strings.`);
  }
  return value;
}

export function parseStringRecord(text: string, column: string): Record<string, string> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Column ${column} does not hold a JSON object.`);
  }
  for (const v of Object.values(value)) {
    if (typeof v !== 'string') throw new Error(`Column ${column} holds a non-string value.`);
  }
  return value as Record<string, string>;
}
