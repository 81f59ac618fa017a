/**
 * The rules of an objection filed during a public notice: a contact the bureau can answer (a mainland mobile or
 * landline number, or an e-mail address), a name or an organisation, and the keys that find duplicates (the same
 * contact, or the same text once case, width, spaces and punctuation are set aside).
 */

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{9,11}$/; // area code (0 + 2–3 digits) and a 7–8 digit number, separators removed
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** The contact as it is compared: an e-mail in lower case, a number as its digits (without +86 or 0086). */
export function normalisedContact(contact: string): string {
  const c = contact.normalize('NFKC').trim();
  if (c.includes('@')) return c.toLowerCase();
  const digits = c.replace(/[\s\-()]/g, '');
  return digits.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

/** Sentences saying what is wrong with a contact; empty when it is a phone number or an e-mail address. */
export function objectionContactProblems(contact: string): string[] {
  const c = normalisedContact(contact);
  if (c.includes('@')) return EMAIL.test(c) ? [] : ['filerContact is not a valid e-mail address'];
  if (MOBILE.test(c) || LANDLINE.test(c)) return [];
  return ['filerContact must be a phone number (e.g. 13800000000 or 0532-88888888) or an e-mail address'];
}

/** The objection's text as it is compared: NFKC, lower case, without spaces, punctuation and symbols. */
export function normalisedObjectionText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
}
