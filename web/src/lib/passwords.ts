/** The identity service refuses shorter passwords; the forms say so before sending. */
export const PASSWORD_MIN_LENGTH = 12;

export function validateNewPassword(value: string): string | null {
  if (value.length < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  return null;
}
