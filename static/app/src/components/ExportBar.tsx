import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives/compiled';
import { useState } from 'react';
import { downloadText } from '../download';

export interface ExportFile {
  /** The button's text, e.g. "Findings (CSV)". */
  label: string;
  fileName: string;
  type: 'text/csv' | 'application/json';
  /**
   * Built on click, from what the view shows now (filters applied). A promise when the view must read more first
   * (findings not loaded yet); it rejects with a sentence saying what failed.
   */
  content: () => string | Promise<string>;
}

type Prepared =
  | { label: string; state: 'reading' }
  | { label: string; state: 'ready'; text: string }
  | { label: string; state: 'failed'; message: string };

/**
 * Export buttons. A file read in pages downloads when its last page is in; if that took so long that the browser
 * no longer counts the click as the reason (the Custom UI frame allows downloads on a user gesture only), a
 * Download button takes a second click.
 */
export function ExportBar({
  files,
  onExported,
}: {
  files: readonly ExportFile[];
  onExported: (message: string) => void;
}) {
  const [prepared, setPrepared] = useState<Prepared | undefined>();
  const save = (file: ExportFile, text: string) => {
    downloadText(file.fileName, text, file.type);
    setPrepared(undefined);
    onExported(`Downloaded ${file.fileName}.`);
  };
  const start = (file: ExportFile) => {
    const content = file.content();
    if (typeof content === 'string') {
      save(file, content);
      return;
    }
    setPrepared({ label: file.label, state: 'reading' });
    content.then(
      (text) => {
        if (clickStillCounts()) save(file, text);
        else {
          setPrepared({ label: file.label, state: 'ready', text });
          onExported(`${file.fileName} is ready: press Download ${file.label}.`);
        }
      },
      (error: unknown) => {
        const message = `Export of ${file.label} failed: ${error instanceof Error ? error.message : String(error)}`;
        setPrepared({ label: file.label, state: 'failed', message });
        onExported(message);
      },
    );
  };
  return (
    <Inline space="space.100" shouldWrap alignBlock="center" role="group" aria-label="Export this view">
      {files.map((file) => {
        const mine = prepared?.label === file.label ? prepared : undefined;
        return mine?.state === 'ready' ? (
          <Button key={file.label} appearance="primary" onClick={() => save(file, mine.text)}>
            {`Download ${file.label}`}
          </Button>
        ) : (
          <Button
            key={file.label}
            isLoading={mine?.state === 'reading'}
            isDisabled={prepared?.state === 'reading'}
            onClick={() => start(file)}
          >
            {`Export ${file.label}`}
          </Button>
        );
      })}
      {prepared?.state === 'failed' ? (
        <Text color="color.text.danger" size="small">
          {prepared.message}
        </Text>
      ) : null}
    </Inline>
  );
}

/** Whether the click that started an export still lets the page start a download; browsers without the API allow it. */
function clickStillCounts(): boolean {
  const activation: UserActivation | undefined = navigator.userActivation;
  return activation === undefined || activation.isActive;
}
