import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * PasswordInput as every form here needs it: Mantine leaves `aria-invalid` off its input, so an
 * error would be announced without the field being marked invalid; and its toggle's default label,
 * "Toggle password visibility", would also answer to a look-up of the field by the name "Password".
 */
export function PasswordField({ error, ...props }: PasswordInputProps) {
  return (
    <PasswordInput
      error={error}
      aria-invalid={error ? true : undefined}
      visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what is typed' }}
      {...props}
    />
  );
}
