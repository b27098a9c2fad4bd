import type { UseFormReturnType } from '@mantine/form';

/**
 * `form.getInputProps` plus `aria-invalid`: Mantine leaves it off, and assistive technology should
 * hear that a field is at fault.
 */
export function accessibleInputProps<V>(form: UseFormReturnType<V>) {
  return (path: Parameters<typeof form.getInputProps>[0]) => {
    const props = form.getInputProps(path);
    return { ...props, 'aria-invalid': props.error ? true : undefined };
  };
}
