import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import { useId, useState } from 'react';
import type { FieldIssue, ImportOutcome } from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { call } from '../api';
import { describeChange, importConflictOf } from '../config-transfer';
import { downloadText } from '../download';
import { exportFileName } from '../export';
import { fieldIssues } from '../settings-model';
import { FileDropZone } from './FileDropZone';
import { ErrorState } from './Status';
import { plural } from '../../../../src/domain/text';

type Failure =
  | { kind: 'invalid'; issues: FieldIssue[]; message: string }
  | { kind: 'conflict'; error: ResolverError }
  | { kind: 'other'; error: ResolverError };

/**
 * The admin page's export and import of the whole configuration (site, every project, their versions). An import
 * is based on the versions its export was read at; when they moved, or the file has none, the admin is told what
 * and may choose to replace the configuration anyway.
 */
export function ConfigTransfer({
  onStatus,
  onImported,
}: {
  onStatus: (message: string) => void;
  onImported: (outcome: ImportOutcome) => void;
}) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>();
  const [busy, setBusy] = useState<'export' | 'import' | undefined>();
  const [failure, setFailure] = useState<Failure | undefined>();
  const [exportError, setExportError] = useState<ResolverError | undefined>();
  const pasteId = useId();

  const exportAll = async () => {
    setBusy('export');
    setExportError(undefined);
    const response = await call('exportSettings', {});
    setBusy(undefined);
    if (!response.ok) {
      setExportError(response.error);
      onStatus(`The configuration was not exported: ${response.error.message}`);
      return;
    }
    const name = exportFileName(['configuration'], new Date(), 'json');
    downloadText(name, `${JSON.stringify(response.data, null, 2)}\n`, 'application/json');
    onStatus(`Downloaded ${name}.`);
  };

  const chooseFile = async (file: File) => {
    setText(await file.text());
    setFileName(file.name);
    setFailure(undefined);
    onStatus(`${file.name} is ready to import.`);
  };

  const importAll = async (overwrite: boolean) => {
    setBusy('import');
    setFailure(undefined);
    onStatus('Checking and importing the configuration…');
    const response = await call('importSettings', { json: text, ...(overwrite ? { overwrite: true } : {}) });
    setBusy(undefined);
    if (response.ok) {
      setText('');
      setFileName(undefined);
      onImported(response.data);
      return;
    }
    const { error } = response;
    if (error.code === 'INVALID_INPUT')
      setFailure({ kind: 'invalid', issues: fieldIssues(error.details), message: error.message });
    else if (error.code === 'CONFLICT') setFailure({ kind: 'conflict', error });
    else setFailure({ kind: 'other', error });
    onStatus(`The configuration was not imported: ${error.message}`);
  };

  return (
    <Stack space="space.200">
      <Text color="color.text.subtle" size="small">
        The whole configuration as one JSON file: the site settings, every project’s own settings and the versions they
        were read at. Import checks everything first and changes nothing unless all of it is valid; if someone saved
        after the export, it asks before replacing their changes.
      </Text>
      <Inline space="space.150" alignBlock="center">
        <Button onClick={() => void exportAll()} isLoading={busy === 'export'}>
          Export the whole configuration
        </Button>
      </Inline>
      {exportError ? <ErrorState error={exportError} activity="settings" /> : null}
      <Stack space="space.100">
        <FileDropZone
          label="Configuration file to import"
          accept=".json,application/json"
          {...(fileName ? { chosen: fileName } : {})}
          onFile={(file) => void chooseFile(file)}
        />
        <Label htmlFor={pasteId}>
          {fileName ? `Contents of ${fileName} (you may edit them)` : 'Or paste the JSON'}
        </Label>
        <textarea
          id={pasteId}
          className="rba-input"
          rows={8}
          spellCheck={false}
          value={text}
          aria-invalid={failure?.kind === 'invalid' || undefined}
          onChange={(event) => {
            setText(event.target.value);
            setFailure(undefined);
          }}
          style={{ fontFamily: 'monospace', width: '100%', boxSizing: 'border-box' }}
        />
        <Inline space="space.150" alignBlock="center">
          <Button
            appearance="primary"
            isDisabled={text.trim() === '' || busy !== undefined}
            isLoading={busy === 'import'}
            onClick={() => void importAll(false)}
          >
            Import the configuration
          </Button>
        </Inline>
      </Stack>
      {failure ? (
        <ImportFailure failure={failure} onReplace={() => void importAll(true)} busy={busy !== undefined} />
      ) : null}
    </Stack>
  );
}

function ImportFailure({ failure, onReplace, busy }: { failure: Failure; onReplace: () => void; busy: boolean }) {
  if (failure.kind === 'invalid') {
    return (
      <SectionMessage
        appearance="error"
        title={`${plural(failure.issues.length, 'problem')} in the file; nothing was imported`}
      >
        <Stack space="space.100">
          <Text as="p">Each problem names where it is in the file. Fix them all and import again.</Text>
          <ul style={{ margin: 0 }} aria-label="Problems in the imported file">
            {failure.issues.map((issue) => (
              <li key={`${issue.path} ${issue.message}`}>
                <Text>
                  <code>{issue.path}</code>
                  {` ${issue.message}`}
                </Text>
              </li>
            ))}
          </ul>
        </Stack>
      </SectionMessage>
    );
  }
  if (failure.kind === 'other') return <ErrorState error={failure.error} activity="save" />;
  const conflict = importConflictOf(failure.error.details);
  return (
    <SectionMessage
      appearance="warning"
      title={
        conflict?.unversioned
          ? 'This file would replace the whole configuration'
          : 'The configuration changed after this export'
      }
    >
      <Stack space="space.100">
        <Text as="p">
          {conflict?.unversioned
            ? 'It carries no versions (a configuration file, or written by hand), so there is no telling what changed since it was made. Nothing was imported.'
            : 'Someone saved these settings after the file was exported, so importing it would undo their changes. Nothing was imported. Export again and redo your edits, or replace the configuration with the file as it is.'}
        </Text>
        {conflict && conflict.changes.length > 0 ? (
          <ul style={{ margin: 0 }} aria-label="Changed since the export">
            {conflict.changes.map((change) => (
              <li key={change.path}>
                <Text>{describeChange(change)}</Text>
              </li>
            ))}
          </ul>
        ) : null}
        <Inline>
          <Button appearance="warning" isDisabled={busy} onClick={onReplace}>
            Replace the current configuration with this file
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}
