import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

export interface TokenSecretModalProps {
  readonly tokenName: string;
  readonly secret: string;
  readonly onClose: () => void;
}

/** Shows a new token's secret, the only time it can be seen. Mounted only while it is shown. */
export function TokenSecretModal({ tokenName, secret, onClose }: TokenSecretModalProps) {
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Token “${tokenName}” created`}
      closeButtonProps={{ 'aria-label': 'Close' }}
      // Closing by accident would lose the secret for good.
      closeOnClickOutside={false}
    >
      <Stack gap="md">
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          title="Copy the token now"
        >
          It will not be shown again. Store it somewhere safe, such as a secrets manager.
        </Alert>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={
                  copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                }
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
