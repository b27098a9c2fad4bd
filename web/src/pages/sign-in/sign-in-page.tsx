import { Alert, Button, Center, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/api-error.js';
import { setCsrfToken } from '../../api/http.js';
import { useSignIn } from '../../api/session-queries.js';
import { safeNextPath } from '../../auth/sign-in-path.js';
import { PasswordField } from '../../components/password-field.js';

interface SignInValues {
  email: string;
  password: string;
}

/** What to tell someone whose sign-in failed; the server's words where they help. */
export function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return 'Email or password is incorrect.';
  if (error instanceof ApiError && error.status === 429) {
    const wait =
      error.retryAfterSeconds === undefined
        ? 'Wait a moment before trying again.'
        : `Wait ${error.retryAfterSeconds} seconds before trying again.`;
    return `${error.detail ?? 'Too many sign-in attempts.'} ${wait}`;
  }
  return errorMessage(error);
}

export function SignInPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const signIn = useSignIn();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() === '' ? 'Enter your email' : null),
      password: (value) => (value === '' ? 'Enter your password' : null),
    },
  });

  // Arriving here ends whatever session there was: nothing the previous user loaded may linger for
  // the next one. The signed-in app is unmounted by now, so nothing refetches what is dropped.
  useEffect(() => {
    queryClient.clear();
    setCsrfToken(null);
  }, [queryClient]);

  const submit = form.onSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      await signIn.mutateAsync({ email: email.trim(), password });
      await navigate(safeNextPath(searchParams.get('next')), { replace: true });
    } catch (error) {
      form.setFieldValue('password', '');
      setFailure(signInErrorMessage(error));
    }
  });

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <Title order={1} size="h2" id="sign-in-title">
              Sign in to CRM
            </Title>
            {failure && (
              <Alert color="red" role="alert" title="Could not sign in">
                {failure}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              autoFocus
              {...form.getInputProps('email')}
            />
            <PasswordField
              label="Password"
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
