import { SimpleGrid, Text } from '@mantine/core';
import { SectionCard } from './section-card.js';

/**
 * Deals, tasks and hours of an account or contact: said plainly to arrive with those
 * capabilities, with no stand-in data until then.
 */
export function UpcomingSections({ what }: { readonly what: 'account' | 'contact' }) {
  const sections = [
    { title: 'Deals', text: `This ${what}'s deals will appear here once deals arrive in the CRM.` },
    {
      title: 'Tasks',
      text: `Tasks for this ${what} will appear here once tasks arrive in the CRM.`,
    },
    {
      title: 'Hours',
      text: `Hours worked for this ${what} will appear here once time tracking arrives in the CRM.`,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }}>
      {sections.map((section) => (
        <SectionCard key={section.title} title={section.title}>
          <Text size="sm" c="dimmed">
            {section.text}
          </Text>
        </SectionCard>
      ))}
    </SimpleGrid>
  );
}
