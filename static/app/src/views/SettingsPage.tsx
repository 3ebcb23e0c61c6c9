import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { FieldIssue, ImportOutcome, SettingsView } from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { call } from '../api';
import { ConfigTransfer } from '../components/ConfigTransfer';
import { ExportBar } from '../components/ExportBar';
import { ErrorState, LiveRegion, Loading } from '../components/Status';
import { describeImport } from '../config-transfer';
import { exportFileName, flattenSettings, toCsv, toJson } from '../export';
import {
  buildProjectSettings,
  buildSiteSettings,
  draftFromView,
  fieldIssues,
  isDirty,
  localIssues,
  type SettingsDraft,
} from '../settings-model';
import { useResolver } from '../useResolver';
import { Page, Section } from './Page';
import { CombinedRoleSection } from './settings/CombinedRoleSection';
import { IssueSummary } from './settings/IssueSummary';
import { OwnerFieldSection } from './settings/OwnerFieldSection';
import { ProposedRoles } from './settings/ProposedRoles';
import { RoleMappingSection } from './settings/RoleMappingSection';
import { RulesSection } from './settings/RulesSection';
import { SaveBar } from './settings/SaveBar';
import { SuppressionsSection } from './settings/SuppressionsSection';
import { ThresholdsSection } from './settings/ThresholdsSection';
import { plural } from '../../../../src/domain/text';

export function SettingsPage({ projectKey, accountId }: { projectKey?: string; accountId?: string }) {
  const { state, reload, replace } = useResolver('getSettings', projectKey !== undefined ? { projectKey } : {});
  const [status, setStatus] = useState('');
  const [saved, setSaved] = useState(false);
  const [imported, setImported] = useState<string | undefined>();
  const title = projectKey ? `Role boundary audit settings: ${projectKey}` : 'Role Boundary Auditor settings';
  useEffect(() => {
    if (state.status === 'loading') setStatus('Loading the settings…');
    else if (state.status === 'failed') setStatus(`The settings could not be loaded: ${state.error.message}`);
    // After a save the status already says so; only a fresh load announces itself.
    else
      setStatus((current) =>
        current.startsWith('Loading') ? `Settings loaded${state.data.canEdit ? '' : ' (read only)'}.` : current,
      );
  }, [state]);

  if (state.status === 'loading') {
    return (
      <>
        <LiveRegion message={status} />
        <Page title={title}>
          <Loading sentence="Loading the settings and checking whether you may change them…" />
        </Page>
      </>
    );
  }
  if (state.status === 'failed') {
    return (
      <>
        <LiveRegion message={status} />
        <Page title={title}>
          <ErrorState error={state.error} activity="settings" onRetry={reload} />
        </Page>
      </>
    );
  }
  return (
    <>
      <LiveRegion message={status} />
      <SettingsForm
        key={`${state.data.version}`}
        view={state.data}
        title={title}
        accountId={accountId}
        saved={saved}
        imported={imported}
        onStatus={setStatus}
        onSaved={(view) => {
          setSaved(true);
          setStatus('Settings saved. The next audit uses them.');
          replace(view);
        }}
        onEdit={() => {
          setSaved(false);
          setImported(undefined);
        }}
        onReload={() => {
          setSaved(false);
          reload();
        }}
        onImported={(outcome) => {
          const summary = describeImport(outcome);
          setSaved(false);
          setImported(summary);
          setStatus(`Configuration imported. ${summary}`);
          // The form shows the imported settings without a loading state in between, so the announcement stays.
          void call('getSettings', projectKey !== undefined ? { projectKey } : {}).then((response) =>
            response.ok ? replace(response.data) : reload(),
          );
        }}
      />
    </>
  );
}

interface FormProps {
  view: SettingsView;
  title: string;
  accountId?: string;
  saved: boolean;
  /** What the last import changed, shown until the next edit. */
  imported: string | undefined;
  onStatus: (message: string) => void;
  onSaved: (view: SettingsView) => void;
  onEdit: () => void;
  onReload: () => void;
  onImported: (outcome: ImportOutcome) => void;
}

function SettingsForm({
  view,
  title,
  accountId,
  saved,
  imported,
  onStatus,
  onSaved,
  onEdit,
  onReload,
  onImported,
}: FormProps) {
  const [draft, setDraftState] = useState<SettingsDraft>(() => draftFromView(view));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [saveError, setSaveError] = useState<ResolverError | undefined>();
  const [saving, setSaving] = useState(false);
  const dirty = useMemo(() => isDirty(view, draft), [view, draft]);
  const problemsRef = useRef<HTMLDivElement>(null);
  const [failures, setFailures] = useState(0);
  // After a failed save, focus moves to what went wrong at the top of the form (the save button is at the bottom).
  useEffect(() => {
    if (failures === 0 || !problemsRef.current) return;
    problemsRef.current.focus();
    problemsRef.current.scrollIntoView({ block: 'start' });
  }, [failures]);
  const readOnly = !view.canEdit;
  const project = view.scope === 'project';

  const setDraft = (next: SettingsDraft) => {
    setDraftState(next);
    onEdit();
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    const built = project ? buildProjectSettings(view.site, view.project, draft) : buildSiteSettings(view.site, draft);
    setSaveError(undefined);
    if (built.issues.length > 0) {
      setIssues(built.issues);
      setFailures((count) => count + 1);
      onStatus(`${plural(built.issues.length, 'setting is', 'settings are')} not valid; nothing was saved.`);
      return;
    }
    setSaving(true);
    onStatus('Saving the settings…');
    const response = await call('saveSettings', {
      ...(view.projectKey !== undefined ? { projectKey: view.projectKey } : {}),
      settings: built.settings,
      version: view.version,
    });
    setSaving(false);
    if (response.ok) {
      setIssues([]);
      onSaved(response.data);
      return;
    }
    setSaveError(response.error);
    setIssues(
      response.error.code === 'INVALID_INPUT' ? localIssues(fieldIssues(response.error.details), view.projectKey) : [],
    );
    setFailures((count) => count + 1);
    onStatus(`The settings were not saved: ${response.error.message}`);
  };

  const at = new Date();
  const exported = project
    ? { projectKey: view.projectKey, settings: view.project ?? {}, effective: view.effective }
    : view.site;
  const files = [
    {
      label: 'settings (CSV)',
      fileName: exportFileName(['settings', view.projectKey ?? 'site'], at, 'csv'),
      type: 'text/csv' as const,
      content: () =>
        toCsv(flattenSettings(exported), [
          { header: 'Setting', value: (row) => row.path },
          { header: 'Value', value: (row) => row.value },
        ]),
    },
    {
      label: 'settings (JSON)',
      fileName: exportFileName(['settings', view.projectKey ?? 'site'], at, 'json'),
      type: 'application/json' as const,
      content: () => toJson(exported),
    },
  ];

  return (
    <Page title={title} actions={<ExportBar files={files} onExported={onStatus} />}>
      {readOnly ? (
        <SectionMessage appearance="information" title="You can see these settings but not change them">
          <Text as="p">
            {project
              ? `Only Jira admins and admins of project ${view.projectKey} may change this project's settings. Ask one of them if something here should change.`
              : 'Only Jira admins may change the site settings. Ask one of them if something here should change.'}
          </Text>
        </SectionMessage>
      ) : null}
      {imported !== undefined && !dirty ? (
        <SectionMessage appearance="success" title="Configuration imported">
          <Text as="p">{imported}</Text>
        </SectionMessage>
      ) : null}
      {saved && !dirty ? (
        <SectionMessage appearance="success" title="Settings saved">
          <Text as="p">The next audit uses them.</Text>
        </SectionMessage>
      ) : null}
      <div ref={problemsRef} tabIndex={-1} style={{ outline: 'none' }}>
        <Stack space="space.150">
          {saveError && saveError.code !== 'INVALID_INPUT' ? (
            <ErrorState error={saveError} activity="save">
              {saveError.code === 'CONFLICT' ? (
                <Inline>
                  <Button appearance="primary" onClick={onReload}>
                    Reload the settings
                  </Button>
                </Inline>
              ) : null}
            </ErrorState>
          ) : null}
          {issues.length > 0 ? <IssueSummary issues={issues} rules={view.rules} /> : null}
        </Stack>
      </div>
      {project ? (
        <Text color="color.text.subtle">{`Settings left empty here follow the site settings. What is in force for ${view.projectKey} is shown beside each one.`}</Text>
      ) : (
        <Text color="color.text.subtle">
          These settings apply to every project; a project's admins may override some of them on the project's settings
          page.
        </Text>
      )}
      {!project && !readOnly ? <ProposedRoles view={view} dirty={dirty} onStatus={onStatus} onSaved={onSaved} /> : null}
      <form onSubmit={(event) => void save(event)} aria-label={title} noValidate>
        <Stack space="space.400">
          <RoleMappingSection view={view} draft={draft} setDraft={setDraft} issues={issues} readOnly={readOnly} />
          <CombinedRoleSection view={view} draft={draft} setDraft={setDraft} issues={issues} readOnly={readOnly} />
          <OwnerFieldSection view={view} draft={draft} setDraft={setDraft} issues={issues} readOnly={readOnly} />
          <ThresholdsSection view={view} draft={draft} setDraft={setDraft} issues={issues} readOnly={readOnly} />
          <RulesSection view={view} draft={draft} setDraft={setDraft} issues={issues} readOnly={readOnly} />
          <SuppressionsSection
            view={view}
            draft={draft}
            setDraft={setDraft}
            issues={issues}
            readOnly={readOnly}
            accountId={accountId}
          />
          {readOnly ? null : (
            <SaveBar
              dirty={dirty}
              saving={saving}
              saved={saved}
              issueCount={issues.length}
              saveError={saveError}
              onDiscard={() => {
                setDraftState(draftFromView(view));
                setIssues([]);
                setSaveError(undefined);
                onStatus('Changes discarded.');
              }}
            />
          )}
        </Stack>
      </form>
      {!project && !readOnly ? (
        <Section title="Export and import the whole configuration" id="transfer">
          <ConfigTransfer onStatus={onStatus} onImported={onImported} />
        </Section>
      ) : null}
    </Page>
  );
}
