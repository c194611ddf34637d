/**
 * Why the editor refused a user's input. Stable codes, so a host app can translate the
 * message or react to a specific case; `message` is plain English for people.
 */
export const EDITOR_INPUT_ERRORS = {
  'empty-url': 'Enter an address.',
  'invalid-url': 'That is not a valid web address.',
  'unsupported-protocol': 'Only http and https addresses are allowed here.',
  'read-only': 'This document is read-only.',
  'invalid-table-size': 'A table needs 1 to 20 rows and 1 to 20 columns.',
  'not-applicable': 'That command does not apply here.',
} as const

/** A stable code for refused editor input. */
export type EditorInputErrorCode = keyof typeof EDITOR_INPUT_ERRORS

/** A refused input, as a value (never thrown): the UI shows `message`, programs read `code`. */
export interface EditorInputError {
  readonly code: EditorInputErrorCode
  readonly message: string
}

/** The outcome of an editor command that takes user input. */
export type EditorResult<T = void> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: EditorInputError }

/** A successful {@link EditorResult}. */
export function ok<T>(value: T): EditorResult<T> {
  return { ok: true, value }
}

/** A failed {@link EditorResult} with the standard message for `code`. */
export function refuse<T = never>(code: EditorInputErrorCode): EditorResult<T> {
  return { ok: false, error: { code, message: EDITOR_INPUT_ERRORS[code] } }
}
