import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives/compiled';
import { downloadText } from '../download';

export interface ExportFile {
  /** The button's text, e.g. "Findings (CSV)". */
  label: string;
  fileName: string;
  type: 'text/csv' | 'application/json';
  /** Built on click, from what the view shows now (filters applied). */
  content: () => string;
}

export function ExportBar({ files, onExported }: { files: readonly ExportFile[]; onExported: (message: string) => void }) {
  return (
    <Inline space="space.100" shouldWrap role="group" aria-label="Export this view">
      {files.map((file) => (
        <Button
          key={file.label}
          onClick={() => {
            downloadText(file.fileName, file.content(), file.type);
            onExported(`Downloaded ${file.fileName}.`);
          }}
        >
          {`Export ${file.label}`}
        </Button>
      ))}
    </Inline>
  );
}
