import { TandemError } from '@tandem/schema'

/**
 * Runs a change to a comments or chat document; a refusal by the accessor (empty or overlong
 * body, someone else's comment, a thread deleted meanwhile) comes back as a message for the
 * user instead of an exception. Anything else is a bug and is thrown.
 */
export function attempt(change: () => void): string | null {
  try {
    change()
    return null
  } catch (error) {
    if (error instanceof TandemError) return error.message
    throw error
  }
}
