import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Link from '@atlaskit/link';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { createContext, Fragment, useContext, useEffect, useRef } from 'react';
import { RULE_METAS } from '../../../../src/rules';
import { criterionLabel } from '../format';
import { parseMarkdown, type Block, type Inline } from '../markdown';
import { ruleDoc } from '../rule-docs';
import { Page } from '../views/Page';

/** Opens a rule's page over the current view (App provides it; the view stays as it was underneath). */
export const OpenRulePage = createContext<((ruleId: string) => void) | undefined>(undefined);

/** "About this rule": opens the rule's page; nothing where no page can open (outside App). */
export function RuleLink({ ruleId, title }: { ruleId: string; title: string }) {
  const open = useContext(OpenRulePage);
  if (!open) return null;
  return (
    <Button appearance="subtle" spacing="compact" onClick={() => open(ruleId)}>
      {`About “${title}”: why, how to fix, when to switch it off`}
    </Button>
  );
}

/** A rule's page: its name, what it checks, the criteria it rests on, and its doc (why, how to fix, when to switch it off). */
export function RulePage({ ruleId, onBack }: { ruleId: string; onBack: () => void }) {
  const meta = RULE_METAS.find((candidate) => candidate.id === ruleId);
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), [ruleId]);
  const doc = ruleDoc(ruleId);
  // The doc's own first heading is the rule's id: the page's title says it in words instead.
  const blocks = doc ? parseMarkdown(doc).filter((block, index) => !(index === 0 && block.kind === 'heading')) : [];
  return (
    <Page title={meta?.title ?? ruleId} actions={<Button onClick={onBack}>Back</Button>}>
      <div ref={heading} tabIndex={-1} aria-label={`Rule: ${meta?.title ?? ruleId}`}>
        <Stack space="space.100">
          {meta ? <Text>{meta.description}</Text> : null}
          <Text size="small" color="color.text.subtle">
            {`Rule ${ruleId}${meta && meta.criteria.length > 0 ? ` · rests on ${meta.criteria.map(criterionLabel).join(', ')}` : ''}`}
          </Text>
        </Stack>
      </div>
      {blocks.length === 0 ? (
        <Text>This rule has no page yet.</Text>
      ) : (
        <Stack space="space.150">
          {blocks.map((block, index) => (
            <MarkdownBlock key={index} block={block} />
          ))}
        </Stack>
      )}
    </Page>
  );
}

const HEADING_SIZE = { 2: 'medium', 3: 'small', 4: 'xsmall' } as const;

function MarkdownBlock({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(Math.max(block.level, 2), 4) as 2 | 3 | 4;
      return (
        <Heading size={HEADING_SIZE[level]} as={`h${level}`}>
          <Inlines content={block.content} />
        </Heading>
      );
    }
    case 'paragraph':
      return (
        <Text as="p">
          <Inlines content={block.content} />
        </Text>
      );
    case 'list':
      return (
        <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>
          {block.items.map((item, index) => (
            <li key={index}>
              <Text>
                <Inlines content={item} />
              </Text>
            </li>
          ))}
        </ul>
      );
  }
}

function Inlines({ content }: { content: readonly Inline[] }) {
  return (
    <>
      {content.map((part, index) => (
        <Fragment key={index}>
          {part.kind === 'code' ? (
            <code>{part.text}</code>
          ) : part.kind === 'strong' ? (
            <strong>{part.text}</strong>
          ) : part.kind === 'em' ? (
            <em>{part.text}</em>
          ) : part.kind === 'link' ? (
            <Link href={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </Link>
          ) : (
            part.text
          )}
        </Fragment>
      ))}
    </>
  );
}
