import { msg, str } from '@lit/localize';

/**
 * The endpoint describes forms with message ids (`contact.postalCode`), never with text, so
 * every label is translated here like the rest of the widget: id `<labelId>` is the XLIFF's
 * `signer.<labelId>`. One table, rather than a template per form, keeps the widget small; an
 * id it does not know yet (a newer server) still shows something readable.
 */
const LABELS: Record<string, (name: string) => string> = {
  'consent.agree': () => msg('I agree to receive documents and sign them electronically.', { id: 'signer.consent.agree' }),
  'sign.agree': () => msg('I have read this document and I agree to it.', { id: 'signer.sign.agree' }),
  'sign.name': () => msg('Your full name (your signature)', { id: 'signer.sign.name' }),
  'sign.relationship': (name) => msg(str`Your relationship to ${name}`, { id: 'signer.sign.relationship' }),
  'sign.relationship.parent': () => msg('Parent', { id: 'signer.relationship.parent' }),
  'sign.relationship.legal_guardian': () => msg('Legal guardian', { id: 'signer.relationship.legal-guardian' }),
  'sign.relationship.personal_representative': () => msg('Personal representative', { id: 'signer.relationship.personal-representative' }),
  'form.contact': () => msg('Contact details', { id: 'signer.form.contact' }),
  'form.demographics': () => msg('About you', { id: 'signer.form.demographics' }),
  'form.insurance': () => msg('Insurance', { id: 'signer.form.insurance' }),
  'contact.section.address': () => msg('Home address', { id: 'signer.contact.section.address' }),
  'contact.addressLine1': () => msg('Street address', { id: 'signer.contact.addressLine1' }),
  'contact.addressLine2': () => msg('Apartment, suite or unit', { id: 'signer.contact.addressLine2' }),
  'contact.city': () => msg('City', { id: 'signer.contact.city' }),
  'contact.state': () => msg('State (2 letters)', { id: 'signer.contact.state' }),
  'contact.postalCode': () => msg('ZIP code', { id: 'signer.contact.postalCode' }),
  'contact.section.phones': () => msg('Phone and email', { id: 'signer.contact.section.phones' }),
  'contact.mobilePhone': () => msg('Mobile phone', { id: 'signer.contact.mobilePhone' }),
  'contact.homePhone': () => msg('Home phone', { id: 'signer.contact.homePhone' }),
  'contact.textReminders': () => msg('Send me appointment reminders by text message', { id: 'signer.contact.textReminders' }),
  'contact.email': () => msg('Email', { id: 'signer.contact.email' }),
  'contact.section.emergency': () => msg('Emergency contact', { id: 'signer.contact.section.emergency' }),
  'contact.emergencyName': () => msg('Full name', { id: 'signer.contact.emergencyName' }),
  'contact.emergencyRelationship': () => msg('Relationship to you', { id: 'signer.contact.emergencyRelationship' }),
  'contact.emergencyPhone': () => msg('Phone', { id: 'signer.contact.emergencyPhone' }),
  'demographics.dateOfBirth': () => msg('Date of birth', { id: 'signer.demographics.dateOfBirth' }),
  'demographics.genderIdentity': () => msg('Gender identity', { id: 'signer.demographics.genderIdentity' }),
  'demographics.genderIdentity.woman': () => msg('Woman', { id: 'signer.demographics.genderIdentity.woman' }),
  'demographics.genderIdentity.man': () => msg('Man', { id: 'signer.demographics.genderIdentity.man' }),
  'demographics.genderIdentity.nonbinary': () => msg('Nonbinary', { id: 'signer.demographics.genderIdentity.nonbinary' }),
  'demographics.genderIdentity.transgender_woman': () => msg('Transgender woman', { id: 'signer.demographics.genderIdentity.transgender_woman' }),
  'demographics.genderIdentity.transgender_man': () => msg('Transgender man', { id: 'signer.demographics.genderIdentity.transgender_man' }),
  'demographics.genderIdentity.another': () => msg('Another identity', { id: 'signer.demographics.genderIdentity.another' }),
  'demographics.genderSelfDescribed': () => msg('Your gender in your own words', { id: 'signer.demographics.genderSelfDescribed' }),
  'demographics.pronouns': () => msg('Pronouns', { id: 'signer.demographics.pronouns' }),
  'demographics.pronouns.she_her': () => msg('she/her', { id: 'signer.demographics.pronouns.she_her' }),
  'demographics.pronouns.he_him': () => msg('he/him', { id: 'signer.demographics.pronouns.he_him' }),
  'demographics.pronouns.they_them': () => msg('they/them', { id: 'signer.demographics.pronouns.they_them' }),
  'demographics.pronouns.another': () => msg('Other pronouns', { id: 'signer.demographics.pronouns.another' }),
  'demographics.preferredLanguage': () => msg('Preferred language', { id: 'signer.demographics.preferredLanguage' }),
  'demographics.preferredLanguage.en': () => msg('English', { id: 'signer.demographics.preferredLanguage.en' }),
  'demographics.preferredLanguage.es': () => msg('Spanish', { id: 'signer.demographics.preferredLanguage.es' }),
  'demographics.preferredLanguage.other': () => msg('Another language', { id: 'signer.demographics.preferredLanguage.other' }),
  'demographics.section.optional': () => msg('Race and ethnicity (optional)', { id: 'signer.demographics.section.optional' }),
  'demographics.race': () => msg('Race (choose all that apply)', { id: 'signer.demographics.race' }),
  'demographics.race.american_indian_alaska_native': () => msg('American Indian or Alaska Native', { id: 'signer.demographics.race.american_indian_alaska_native' }),
  'demographics.race.asian': () => msg('Asian', { id: 'signer.demographics.race.asian' }),
  'demographics.race.black_african_american': () => msg('Black or African American', { id: 'signer.demographics.race.black_african_american' }),
  'demographics.race.native_hawaiian_pacific_islander': () => msg('Native Hawaiian or Other Pacific Islander', { id: 'signer.demographics.race.native_hawaiian_pacific_islander' }),
  'demographics.race.white': () => msg('White', { id: 'signer.demographics.race.white' }),
  'demographics.race.another': () => msg('Another race', { id: 'signer.demographics.race.another' }),
  'demographics.ethnicity': () => msg('Ethnicity', { id: 'signer.demographics.ethnicity' }),
  'demographics.ethnicity.hispanic_latino': () => msg('Hispanic or Latino', { id: 'signer.demographics.ethnicity.hispanic_latino' }),
  'demographics.ethnicity.not_hispanic_latino': () => msg('Not Hispanic or Latino', { id: 'signer.demographics.ethnicity.not_hispanic_latino' }),
  'insurance.payerName': () => msg('Insurance company', { id: 'signer.insurance.payerName' }),
  'insurance.memberId': () => msg('Member ID', { id: 'signer.insurance.memberId' }),
  'insurance.groupId': () => msg('Group number', { id: 'signer.insurance.groupId' }),
  'insurance.section.subscriber': () => msg('Policyholder', { id: 'signer.insurance.section.subscriber' }),
  'insurance.subscriberRelationship': () => msg('Your relationship to the policyholder', { id: 'signer.insurance.subscriberRelationship' }),
  'insurance.subscriberRelationship.self': () => msg('I am the policyholder', { id: 'signer.insurance.subscriberRelationship.self' }),
  'insurance.subscriberRelationship.spouse': () => msg('Spouse or partner', { id: 'signer.insurance.subscriberRelationship.spouse' }),
  'insurance.subscriberRelationship.child': () => msg('Child', { id: 'signer.insurance.subscriberRelationship.child' }),
  'insurance.subscriberRelationship.other': () => msg('Other', { id: 'signer.insurance.subscriberRelationship.other' }),
  'insurance.subscriberName': () => msg("Policyholder's full name", { id: 'signer.insurance.subscriberName' }),
  'insurance.subscriberDateOfBirth': () => msg("Policyholder's date of birth", { id: 'signer.insurance.subscriberDateOfBirth' }),
};

/** The localized text for a label id from the endpoint; `name` is whom the client acts for. */
export function label(labelId: string, name = ''): string {
  const known = LABELS[labelId];
  if (known) return known(name);
  // Every choice list ends with the same way out.
  if (labelId.endsWith('.prefer_not_to_say')) return msg('Prefer not to say', { id: 'signer.prefer-not-to-say' });
  // "demographics.preferredLanguage" → "Preferred language": readable, if only in English.
  const last = labelId.split('.').pop() ?? labelId;
  const words = last.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
