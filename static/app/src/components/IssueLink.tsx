import Link from '@atlaskit/link';
import { issueUrl } from '../format';

/** An issue key linking to Jira in a new tab; plain text when the site address is unusable. */
export function IssueLink({ siteUrl, issueKey, children }: { siteUrl: string; issueKey: string; children?: string }) {
  const href = issueUrl(siteUrl, issueKey);
  const text = children ?? issueKey;
  if (href === undefined) return <span>{text}</span>;
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </Link>
  );
}
