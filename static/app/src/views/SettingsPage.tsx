import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { criteriaById, isCriteriaId } from '../../../../src/criteria';
import type { RoleLists } from '../../../../src/config/types';
import type {
  FieldIssue,
  ImportOutcome,
  RoleProposalView,
  RuleInfo,
  SettingsView,
} from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { call } from '../api';
import { ConfigTransfer } from '../components/ConfigTransfer';
import { ExportBar } from '../components/ExportBar';
import { FieldErrors } from '../components/FieldErrors';
import { ListEditor } from '../components/ListEditor';
import { SelectField } from '../components/SelectField';
import { ErrorState, LiveRegion, Loading } from '../components/Status';
import { describeImport } from '../config-transfer';
import { exportFileName, flattenSettings, toCsv, toJson } from '../export';
import { categoryOf } from '../findings';
import { formatDate } from '../format';
import {
  OWNER_FIELDS,
  ROLE_SOURCES,
  SEVERITY_CHOICES,
  THRESHOLD_FIELDS,
  buildProjectSettings,
  buildSiteSettings,
  draftFromView,
  fieldIssues,
  isDirty,
  issuesAt,
  localIssues,
  severityChoice,
  thresholdValue,
  withProposedRoles,
  withRoleList,
  withSeverity,
  type RoleSource,
  type SettingsDraft,
  type ThresholdPath,
} from '../settings-model';
import { useResolver } from '../useResolver';
import { Page, Section } from './Page';
import { plural } from '../../../../src/domain/text';

const fieldId = (path: string) => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

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
      <form onSubmit={save} aria-label={title} noValidate>
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
            <div
              style={{
                borderTop: `${token('border.width')} solid ${token('color.border')}`,
                paddingBlock: token('space.150'),
              }}
            >
              <Inline space="space.150" alignBlock="center">
                <Button type="submit" appearance="primary" isLoading={saving} isDisabled={!dirty}>
                  Save settings
                </Button>
                <Button
                  isDisabled={!dirty || saving}
                  onClick={() => {
                    setDraftState(draftFromView(view));
                    setIssues([]);
                    setSaveError(undefined);
                    onStatus('Changes discarded.');
                  }}
                >
                  Discard changes
                </Button>
                <Text color="color.text.subtle">{saveOutcome(dirty, saved, issues.length, saveError)}</Text>
              </Inline>
            </div>
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

/** The top-of-form list of what is wrong; each entry moves focus to its field. */
function IssueSummary({ issues, rules }: { issues: readonly FieldIssue[]; rules: readonly RuleInfo[] }) {
  return (
    <SectionMessage
      appearance="error"
      title={`${plural(issues.length, 'setting needs', 'settings need')} fixing; nothing was saved`}
    >
      <ul style={{ margin: 0 }}>
        {issues.map((issue) => {
          const target = targetOf(issue.path, rules);
          if (!target) {
            return (
              <li key={`${issue.path} ${issue.message}`}>
                <Text>{`${issue.path}: ${issue.message}`}</Text>
              </li>
            );
          }
          return (
            <li key={`${issue.path} ${issue.message}`}>
              <a
                href={`#${target.id}`}
                onClick={(event) => {
                  const element = document.getElementById(target.id);
                  if (!element) return;
                  event.preventDefault();
                  element.focus();
                  element.scrollIntoView({ block: 'center' });
                }}
              >
                {`${target.label}: ${issue.message}`}
              </a>
            </li>
          );
        })}
      </ul>
    </SectionMessage>
  );
}

/** Where a dotted path is shown in the form: its field's id and a name for people. */
function targetOf(path: string, rules: readonly RuleInfo[]): { id: string; label: string } | undefined {
  for (const source of ROLE_SOURCES) {
    for (const role of ['pm', 'po'] as const) {
      const prefix = `roleMapping.${source.id}.${role}`;
      if (path === prefix || path.startsWith(`${prefix}.`))
        return {
          id: fieldId(prefix),
          label: `${source.label} for ${role === 'pm' ? 'product managers' : 'product owners'}`,
        };
    }
  }
  if (path.startsWith('combinedRoleProjects'))
    return { id: fieldId('combinedRoleProjects'), label: 'Combined-role teams' };
  if (path.startsWith('combinedRole')) return { id: fieldId('combinedRole'), label: 'Combined-role team' };
  if (path.startsWith('ownerField')) return { id: fieldId('ownerField'), label: 'Owner of roadmap items' };
  const threshold =
    THRESHOLD_FIELDS.find((field) => path === field.path || path.startsWith(`${field.path}.`)) ??
    THRESHOLD_FIELDS.find((field) => field.path.startsWith(`${path}.`));
  if (threshold) return { id: fieldId(threshold.path), label: threshold.label };
  const rule = rules.find((candidate) => path === `rules.${candidate.id}` || path.startsWith(`rules.${candidate.id}.`));
  if (rule) return { id: fieldId(`rules.${rule.id}`), label: `Rule ${rule.id}` };
  const suppression = /^suppressions\.(\d+)/.exec(path);
  if (suppression)
    return { id: fieldId(`suppressions.${suppression[1]}`), label: `Accepted finding ${Number(suppression[1]) + 1}` };
  return undefined;
}

interface SectionProps {
  view: SettingsView;
  draft: SettingsDraft;
  setDraft: (draft: SettingsDraft) => void;
  issues: readonly FieldIssue[];
  readOnly: boolean;
}

function Hint({ children }: { children: ReactNode }) {
  return (
    <Text color="color.text.subtle" size="small">
      {children}
    </Text>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.small'),
        padding: token('space.200'),
        margin: 0,
        minWidth: 0,
      }}
    >
      <legend style={{ paddingInline: token('space.050') }}>
        <Heading size="xsmall" as="h3">
          {legend}
        </Heading>
      </legend>
      <Stack space="space.150">{children}</Stack>
    </fieldset>
  );
}

/**
 * The mapping owner/role-mapping-missing proposes, confirmed in one step: the proposed accounts are added to the site's
 * role mapping by account and saved with the usual versioned save (the server checks the admin again).
 */
function ProposedRoles({
  view,
  dirty,
  onStatus,
  onSaved,
}: {
  view: SettingsView;
  dirty: boolean;
  onStatus: (message: string) => void;
  onSaved: (view: SettingsView) => void;
}) {
  const [proposal, setProposal] = useState<RoleProposalView | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResolverError | undefined>();
  useEffect(() => {
    let live = true;
    void call('getRoleProposal', {}).then((response) => {
      if (live && response.ok) setProposal(response.data);
    });
    return () => {
      live = false;
    };
  }, [view.version]);
  if (!proposal || proposal.projects.length === 0) return null;
  const confirm = async () => {
    setSaving(true);
    setError(undefined);
    onStatus('Saving the proposed roles…');
    const response = await call('saveSettings', {
      settings: withProposedRoles(view.site, proposal),
      version: view.version,
    });
    setSaving(false);
    if (response.ok) onSaved(response.data);
    else {
      setError(response.error);
      onStatus(`The proposed roles were not saved: ${response.error.message}`);
    }
  };
  return (
    <SectionMessage appearance="discovery" title="Nobody is mapped as PM or PO in some projects">
      <Stack space="space.100">
        <Text as="p">
          Until roles are mapped, the audit infers them from people's decisions and marks the findings that rest on them
          provisional. From the latest audit, these people's decisions dominate:
        </Text>
        <ul aria-label="Proposed roles">
          {proposal.projects.flatMap((entry) =>
            (['pm', 'po'] as const).flatMap((role) =>
              entry[role].map((holder) => (
                <li key={`${entry.projectKey}-${role}-${holder.accountId}`}>
                  {`${entry.projectKey}: ${holder.displayName} as ${role === 'pm' ? 'Product Manager' : 'Product Owner'} (${plural(holder.decisions, role === 'pm' ? 'roadmap decision' : 'backlog decision')} of ${holder.allDecisions})`}
                </li>
              )),
            ),
          )}
        </ul>
        {error ? <ErrorState error={error} activity="save" /> : null}
        <Inline space="space.150" alignBlock="center">
          <Button appearance="primary" isLoading={saving} isDisabled={dirty} onClick={() => void confirm()}>
            Confirm proposed roles
          </Button>
          {dirty ? <Text color="color.text.subtle">Save or discard your changes first.</Text> : null}
        </Inline>
      </Stack>
    </SectionMessage>
  );
}

function RoleMappingSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const inherited = (source: RoleSource) => view.effective?.roleMapping[source] ?? view.site.roleMapping[source];
  return (
    <Section title="Role mapping" id="role-mapping">
      <Hint>
        Who counts as a product manager (PM) or product owner (PO). People nobody maps get a role inferred from their
        own actions, and the audit says so.
      </Hint>
      {ROLE_SOURCES.map((source) => {
        const own = draft.roleMapping[source.id];
        const lists: RoleLists = own ?? inherited(source.id);
        const suggestions =
          source.id === 'projectRoles' ? view.projectRoleNames : source.id === 'groups' ? view.groupNames : [];
        const editable = !readOnly && (!project || own !== undefined);
        const setLists = (next: RoleLists | undefined) =>
          setDraft({ ...draft, roleMapping: withRoleList(draft.roleMapping, source.id, next) });
        return (
          <Fieldset key={source.id} legend={source.label}>
            <Hint>{source.hint}</Hint>
            {project ? (
              <OverrideToggle
                id={fieldId(`roleMapping.${source.id}`)}
                label={`Use this project's own ${source.label.toLowerCase()}`}
                checked={own !== undefined}
                disabled={readOnly}
                onChange={(checked) => setLists(checked ? structuredClone(inherited(source.id)) : undefined)}
                note={own === undefined ? 'Following the site settings.' : undefined}
              />
            ) : null}
            <Inline space="space.400" shouldWrap alignBlock="start">
              {(['pm', 'po'] as const).map((role) => {
                const path = `roleMapping.${source.id}.${role}`;
                return (
                  <Box key={role} style={{ minWidth: '16rem' }}>
                    <ListEditor
                      id={fieldId(path)}
                      label={`${role === 'pm' ? 'Product managers' : 'Product owners'}: ${source.label.toLowerCase()}`}
                      values={lists[role]}
                      suggestions={suggestions}
                      readOnly={!editable}
                      issues={issuesAt(issues, path)}
                      placeholder={
                        source.id === 'accounts'
                          ? 'Account id, e.g. 557058:…'
                          : `Type or pick a ${source.id === 'groups' ? 'group' : 'role'} name`
                      }
                      onChange={(values) => setLists({ ...lists, [role]: values })}
                    />
                  </Box>
                );
              })}
            </Inline>
          </Fieldset>
        );
      })}
    </Section>
  );
}

function OverrideToggle({
  id,
  label,
  checked,
  disabled,
  onChange,
  note,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  note?: string;
}) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <Toggle id={id} isChecked={checked} isDisabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <Label htmlFor={id}>{label}</Label>
      {note ? <Hint>{note}</Hint> : null}
    </Inline>
  );
}

function CombinedRoleSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  if (view.scope === 'project') {
    const inForce = view.effective?.combinedRole ?? false;
    const siteSays = view.projectKey !== undefined && view.site.combinedRoleProjects.includes(view.projectKey);
    const id = fieldId('combinedRole');
    const errorsId = `${id}-errors`;
    return (
      <Section title="Combined-role team" id="combined-role">
        <Hint>
          In a combined-role team one person may do both the PM and the PO job (R1): doing both is then reported as
          information, not as a conflict.
        </Hint>
        <Inline space="space.100" alignBlock="center">
          <Toggle
            id={id}
            isChecked={draft.combinedRole ?? inForce}
            isDisabled={readOnly}
            descriptionId={issuesAt(issues, 'combinedRole').length > 0 ? errorsId : undefined}
            onChange={(event) => setDraft({ ...draft, combinedRole: event.target.checked })}
          />
          <Label htmlFor={id}>{`${view.projectKey}'s team is combined-role`}</Label>
        </Inline>
        <Inline space="space.100" alignBlock="center">
          <Hint>
            {draft.combinedRole === undefined
              ? `Following the site settings (${siteSays ? 'combined-role' : 'separate roles'}).`
              : `Set for this project; the site says ${siteSays ? 'combined-role' : 'separate roles'}.`}
          </Hint>
          {draft.combinedRole !== undefined && !readOnly ? (
            <Button
              spacing="compact"
              appearance="subtle"
              onClick={() => {
                const { combinedRole: _removed, ...rest } = draft;
                setDraft(rest);
              }}
            >
              Follow the site settings
            </Button>
          ) : null}
        </Inline>
        <FieldErrors id={errorsId} issues={issuesAt(issues, 'combinedRole')} />
      </Section>
    );
  }
  return (
    <Section title="Combined-role teams" id="combined-role">
      <Hint>
        Projects whose team declares one person may do both the PM and the PO job (R1). There, doing both is reported as
        information, not as a conflict.
      </Hint>
      <Box style={{ maxWidth: '32rem' }}>
        <ListEditor
          id={fieldId('combinedRoleProjects')}
          label="Project keys"
          values={draft.combinedRoleProjects}
          suggestions={Object.keys(view.site.projects)}
          readOnly={readOnly}
          issues={issuesAt(issues, 'combinedRoleProjects')}
          placeholder="Project key, e.g. MOB"
          normalise={(text) => text.trim().toUpperCase()}
          onChange={(values) => setDraft({ ...draft, combinedRoleProjects: values })}
        />
      </Box>
    </Section>
  );
}

const CUSTOM = 'custom';
const INHERIT = 'inherit';

function OwnerFieldSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const standard = OWNER_FIELDS.some((field) => field.value === draft.ownerField);
  const [custom, setCustom] = useState(draft.ownerField !== undefined && !standard);
  const choice = draft.ownerField === undefined && !custom ? INHERIT : custom ? CUSTOM : (draft.ownerField as string);
  const errorsId = useId();
  const ownIssues = issuesAt(issues, 'ownerField');
  const siteValue = view.site.ownerField;
  const options = [
    ...(project
      ? [
          {
            value: INHERIT,
            label: `As the site says (${OWNER_FIELDS.find((field) => field.value === siteValue)?.label ?? siteValue})`,
          },
        ]
      : []),
    ...OWNER_FIELDS,
    { value: CUSTOM, label: 'A user-picker custom field…' },
  ];
  const setOwner = (value: string | undefined) => {
    const next = { ...draft };
    if (value === undefined) delete next.ownerField;
    else next.ownerField = value;
    setDraft(next);
  };
  return (
    <Section title="Owner of roadmap items" id="owner-field">
      <Hint>The field that names who owns a roadmap item (R2: roadmap items belong to PMs).</Hint>
      <Inline space="space.200" shouldWrap alignBlock="start">
        <SelectField
          id={fieldId('ownerField')}
          label="Owner field"
          value={choice}
          options={options}
          disabled={readOnly}
          invalid={ownIssues.length > 0}
          describedBy={ownIssues.length > 0 ? errorsId : undefined}
          onChange={(value) => {
            setCustom(value === CUSTOM);
            if (value === INHERIT) setOwner(undefined);
            else if (value === CUSTOM) setOwner(standard || draft.ownerField === undefined ? '' : draft.ownerField);
            else setOwner(value);
          }}
        />
        {custom ? (
          <Stack space="space.050">
            <Label htmlFor={fieldId('ownerField-custom')}>Custom field id</Label>
            <Textfield
              id={fieldId('ownerField-custom')}
              value={draft.ownerField ?? ''}
              placeholder="customfield_10042"
              isDisabled={readOnly}
              isInvalid={ownIssues.length > 0}
              aria-describedby={ownIssues.length > 0 ? errorsId : undefined}
              onChange={(event) => setOwner((event.target as HTMLInputElement).value.trim())}
            />
          </Stack>
        ) : null}
      </Inline>
      <FieldErrors id={errorsId} issues={ownIssues} />
    </Section>
  );
}

const THRESHOLD_GROUPS: ReadonlyArray<{ legend: string; path: string; fields: ThresholdPath[] }> = [
  {
    legend: 'Strategic horizon (C5)',
    path: 'thresholds.strategicHorizonMonths',
    fields: ['thresholds.strategicHorizonMonths.min', 'thresholds.strategicHorizonMonths.max'],
  },
  {
    legend: 'Tactical horizon (C5)',
    path: 'thresholds.tacticalHorizonWeeks',
    fields: ['thresholds.tacticalHorizonWeeks.min', 'thresholds.tacticalHorizonWeeks.max'],
  },
  {
    legend: 'Roadmap items and sprints',
    path: 'thresholds.spans',
    fields: ['thresholds.roadmapMinSpanWeeks', 'thresholds.roadmapMaxSpanMonths', 'thresholds.sprintMaxWeeks'],
  },
];

function ThresholdsSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  return (
    <Section title="Thresholds" id="thresholds">
      <Hint>
        {project ? 'Leave a field empty to follow the site settings.' : 'The limits the time-horizon rules apply.'}
      </Hint>
      {THRESHOLD_GROUPS.map((group) => {
        const groupIssues = issues.filter((issue) => issue.path === group.path);
        const groupErrorsId = `${fieldId(group.path)}-errors`;
        return (
          <Fieldset key={group.path} legend={group.legend}>
            <Inline space="space.300" shouldWrap alignBlock="start">
              {group.fields.map((path) => {
                const field = THRESHOLD_FIELDS.find((candidate) => candidate.path === path)!;
                const own = issuesAt(issues, path);
                const errorsId = `${fieldId(path)}-errors`;
                const describedBy = [
                  own.length > 0 ? errorsId : undefined,
                  groupIssues.length > 0 ? groupErrorsId : undefined,
                  `${fieldId(path)}-hint`,
                ]
                  .filter(Boolean)
                  .join(' ');
                const inForce = thresholdValue(project ? view.effective?.thresholds : view.site.thresholds, path);
                return (
                  <Stack key={path} space="space.050">
                    <Label htmlFor={fieldId(path)}>{`${field.label} (${field.unit})`}</Label>
                    <Box style={{ width: '11rem' }}>
                      <Textfield
                        id={fieldId(path)}
                        type="number"
                        min={0}
                        step={1}
                        inputMode="numeric"
                        value={draft.thresholds[path]}
                        placeholder={project ? `site: ${thresholdValue(view.site.thresholds, path) ?? '—'}` : undefined}
                        isDisabled={readOnly}
                        isInvalid={own.length > 0 || groupIssues.length > 0}
                        aria-describedby={describedBy}
                        elemAfterInput={
                          <Box paddingInlineEnd="space.100" style={{ whiteSpace: 'nowrap' }} aria-hidden="true">
                            <Text color="color.text.subtle">{field.unit}</Text>
                          </Box>
                        }
                        onChange={(event) =>
                          setDraft({
                            ...draft,
                            thresholds: { ...draft.thresholds, [path]: (event.target as HTMLInputElement).value },
                          })
                        }
                      />
                    </Box>
                    <div id={`${fieldId(path)}-hint`} style={{ maxWidth: '16rem' }}>
                      <Hint>{project ? `${field.hint} In force: ${inForce ?? '—'} ${field.unit}.` : field.hint}</Hint>
                    </div>
                    <FieldErrors id={errorsId} issues={own} />
                  </Stack>
                );
              })}
            </Inline>
            <FieldErrors id={groupErrorsId} issues={groupIssues} />
          </Fieldset>
        );
      })}
    </Section>
  );
}

const SEVERITY_LABELS: Record<string, string> = { off: 'Off', info: 'Info', warning: 'Warning', error: 'Error' };

function RulesSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const siteSeverity = (rule: RuleInfo) => view.site.rules[rule.id]?.severity ?? rule.defaultSeverity;
  return (
    <Section title="Rules" id="rules">
      <Hint>
        {project
          ? 'How severe each rule’s flags are in this project. “As the site says” follows the site settings.'
          : 'How severe each rule’s flags are; “Default” keeps the rule’s own severity, “Off” stops the rule.'}
      </Hint>
      <table className="rba-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Kind</th>
            <th scope="col">{project ? 'Site' : 'Default'}</th>
            <th scope="col">Severity</th>
          </tr>
        </thead>
        <tbody>
          {view.rules.map((rule) => {
            const path = `rules.${rule.id}`;
            const own = issuesAt(issues, path);
            const errorsId = `${fieldId(path)}-errors`;
            const descriptionId = `${fieldId(path)}-description`;
            return (
              <tr key={rule.id}>
                <th scope="row" style={{ fontWeight: 'normal' }}>
                  <Stack space="space.025">
                    <Text weight="bold">{rule.id}</Text>
                    <div id={descriptionId}>
                      <Text size="small">{rule.description}</Text>
                    </div>
                    <Text size="small" color="color.text.subtle">
                      {rule.criteria
                        .map((id) => (isCriteriaId(id) ? `${id} ${criteriaById(id).name}` : id))
                        .join(' · ')}
                    </Text>
                  </Stack>
                </th>
                <td>{categoryOf(rule.id)}</td>
                <td>{SEVERITY_LABELS[project ? siteSeverity(rule) : rule.defaultSeverity]}</td>
                <td>
                  <select
                    id={fieldId(path)}
                    className="rba-select"
                    aria-label={`Severity of ${rule.id}`}
                    aria-describedby={[descriptionId, own.length > 0 ? errorsId : undefined].filter(Boolean).join(' ')}
                    aria-invalid={own.length > 0 || undefined}
                    value={severityChoice(draft.rules, rule.id)}
                    disabled={readOnly}
                    onChange={(event) =>
                      setDraft({
                        ...draft,
                        rules: withSeverity(
                          draft.rules,
                          rule.id,
                          event.target.value as (typeof SEVERITY_CHOICES)[number],
                        ),
                      })
                    }
                  >
                    {SEVERITY_CHOICES.map((choice) => (
                      <option key={choice} value={choice}>
                        {choice === 'default'
                          ? project
                            ? `As the site says (${SEVERITY_LABELS[siteSeverity(rule)]})`
                            : `Default (${SEVERITY_LABELS[rule.defaultSeverity]})`
                          : SEVERITY_LABELS[choice]}
                      </option>
                    ))}
                  </select>
                  <FieldErrors id={errorsId} issues={own} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

function SuppressionsSection({
  view,
  draft,
  setDraft,
  issues,
  readOnly,
  accountId,
}: SectionProps & { accountId?: string }) {
  const [findingId, setFindingId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FieldIssue | undefined>();
  const problemId = useId();
  if (view.scope === 'project') {
    return (
      <Section title="Accepted findings" id="suppressions">
        <Hint>Findings are accepted for the whole site, on the app's admin page, by Jira admins.</Hint>
        <SuppressionTable suppressions={view.site.suppressions} issues={[]} />
      </Section>
    );
  }
  const add = () => {
    const id = findingId.trim();
    const why = reason.trim();
    if (id === '')
      return setProblem({
        path: 'new.findingId',
        message: 'Enter the id of the finding to accept (each flag shows its id when opened).',
      });
    if (why === '')
      return setProblem({ path: 'new.reason', message: 'Say why the finding is accepted, so others know.' });
    if (draft.suppressions.some((entry) => entry.findingId === id))
      return setProblem({ path: 'new.findingId', message: 'This finding is accepted already.' });
    setProblem(undefined);
    setDraft({
      ...draft,
      suppressions: [
        ...draft.suppressions,
        {
          findingId: id,
          reason: why,
          acceptedAt: new Date().toISOString(),
          ...(accountId ? { acceptedBy: accountId } : {}),
        },
      ],
    });
    setFindingId('');
    setReason('');
  };
  return (
    <Section title="Accepted findings" id="suppressions">
      <Hint>A finding accepted here stops showing until its id changes. Each flag shows its id when opened.</Hint>
      <SuppressionTable
        suppressions={draft.suppressions}
        issues={issues}
        onRemove={
          readOnly
            ? undefined
            : (index) => setDraft({ ...draft, suppressions: draft.suppressions.filter((_, at) => at !== index) })
        }
      />
      {readOnly ? null : (
        <Fieldset legend="Accept a finding">
          <Inline space="space.200" shouldWrap alignBlock="end">
            <Stack space="space.050">
              <Label htmlFor="new-suppression-id">Finding id</Label>
              <Box style={{ width: '22rem' }}>
                <Textfield
                  id="new-suppression-id"
                  value={findingId}
                  placeholder="horizon/sprint-too-long|sprint:52"
                  isInvalid={problem?.path === 'new.findingId'}
                  aria-describedby={problem?.path === 'new.findingId' ? problemId : undefined}
                  onChange={(event) => setFindingId((event.target as HTMLInputElement).value)}
                />
              </Box>
            </Stack>
            <Stack space="space.050">
              <Label htmlFor="new-suppression-reason">Reason</Label>
              <Box style={{ width: '22rem' }}>
                <Textfield
                  id="new-suppression-reason"
                  value={reason}
                  placeholder="Why this is accepted"
                  isInvalid={problem?.path === 'new.reason'}
                  aria-describedby={problem?.path === 'new.reason' ? problemId : undefined}
                  onChange={(event) => setReason((event.target as HTMLInputElement).value)}
                />
              </Box>
            </Stack>
            <Button onClick={add}>Accept finding</Button>
          </Inline>
          <FieldErrors id={problemId} issues={problem ? [problem] : []} />
        </Fieldset>
      )}
    </Section>
  );
}

function SuppressionTable({
  suppressions,
  issues,
  onRemove,
}: {
  suppressions: SettingsView['site']['suppressions'];
  issues: readonly FieldIssue[];
  onRemove?: (index: number) => void;
}) {
  if (suppressions.length === 0) return <Text>No finding has been accepted.</Text>;
  return (
    <table className="rba-table">
      <thead>
        <tr>
          <th scope="col">Finding id</th>
          <th scope="col">Reason</th>
          <th scope="col">Accepted</th>
          {onRemove ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {suppressions.map((suppression, index) => {
          const path = `suppressions.${index}`;
          const own = issuesAt(issues, path);
          return (
            <tr key={`${suppression.findingId}-${index}`}>
              <th scope="row" style={{ fontWeight: 'normal', wordBreak: 'break-all' }}>
                <Text>{suppression.findingId}</Text>
              </th>
              <td>
                <Text>{suppression.reason}</Text>
                <FieldErrors id={`${fieldId(path)}-errors`} issues={own} />
              </td>
              <td>{formatDate(suppression.acceptedAt)}</td>
              {onRemove ? (
                <td>
                  <Button
                    id={fieldId(path)}
                    spacing="compact"
                    onClick={() => onRemove(index)}
                    aria-label={`Remove accepted finding ${suppression.findingId}`}
                  >
                    Remove
                  </Button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function saveOutcome(dirty: boolean, saved: boolean, issueCount: number, error: ResolverError | undefined): string {
  if (issueCount > 0)
    return `Not saved: ${plural(issueCount, 'setting needs', 'settings need')} fixing (listed at the top).`;
  if (error) return `Not saved: ${error.message}`;
  if (dirty) return 'You have unsaved changes.';
  return saved ? 'Saved.' : 'No unsaved changes.';
}
