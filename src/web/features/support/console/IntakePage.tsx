import '../i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client.ts';
import { useServerDraft } from '../../../api/drafts.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { cardClass, primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  FINANCES,
  GOING_OUT,
  type IntakeContent,
  type IntakeView,
  intakesQuery,
  intakeVersionQuery,
  REFERRAL_HOW,
  REFERRAL_WHO,
  SHARING,
  saveIntake,
  supportKeys,
  URGENCY,
} from '../api.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { RecordPage } from './RecordHeader.tsx';
import { RecordVersions } from './RecordVersions.tsx';

const emptyIntake = (): IntakeContent => ({
  referral: { who: 'family', how: 'counter', on: null, detail: '' },
  mainConcern: { words: '', whose: 'person' },
  personSituation: { dailyLife: '', goingOut: 'unknown', health: '', sleep: '' },
  household: { composition: '', note: '' },
  lifeHistory: { school: '', work: '' },
  finances: { situation: 'unknown', note: '' },
  socialParticipation: '',
  personWishes: '',
  familyWishes: '',
  supportIssues: '',
  urgency: { level: 'none', reason: '' },
  sharing: 'not_asked',
});

/**
 * `/console/support/persons/{id}/intake`: 相談受付・インテーク・アセスメント in the areas of the MHLW
 * standard forms. Every save is a new version; earlier versions stay readable.
 */
export function IntakePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const intakes = useQuery(intakesQuery(id));
  return (
    <RecordPage personId={id} section="intake">
      {() =>
        intakes.isError ? (
          <Notice tone="error">
            <p>{problemMessage(intakes.error)}</p>
          </Notice>
        ) : intakes.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <IntakeEditor personId={id} current={intakes.data.items[0] ?? null} />
        )
      }
    </RecordPage>
  );
}

type IntakeConflict = { current: IntakeView; yours: IntakeContent };

function IntakeEditor({ personId, current }: { personId: string; current: IntakeView | null }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [content, setContent] = useState<IntakeContent>(() =>
    current ? { ...emptyIntake(), ...current.content } : emptyIntake(),
  );
  // Typed but not yet saved: kept as the writer's own encrypted draft until the intake is saved.
  const [lastSavedJson, setLastSavedJson] = useState(() => JSON.stringify(content));
  const draft = useServerDraft(
    `intake:${personId}`,
    content,
    setContent,
    (c) => JSON.stringify(c) === lastSavedJson,
  );
  const [base, setBase] = useState<{ id: string; version: number } | null>(
    current ? { id: current.id, version: current.latestVersion } : null,
  );
  const [conflict, setConflict] = useState<IntakeConflict | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (target: { id: string; version: number } | null) =>
      saveIntake(personId, content, target ?? undefined),
    onSuccess: async (view, _target) => {
      setLastSavedJson(JSON.stringify(content));
      await draft.discard();
      setBase({ id: view.id, version: view.latestVersion });
      setSaved(t('support.records.intakeSaved', { version: view.version }));
      await queryClient.invalidateQueries({ queryKey: supportKeys.person(personId) });
    },
    onError: (e) => {
      if (isApiError(e, 409) && e.problem.extra?.current) {
        setConflict({ current: e.problem.extra.current as IntakeView, yours: content });
        return;
      }
      setFocusKey((k) => k + 1);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    save.mutate(base);
  }
  const set = <K extends keyof IntakeContent>(k: K, v: IntakeContent[K]) =>
    setContent({ ...content, [k]: v });
  const sub = <K extends keyof IntakeContent>(k: K, patch: Partial<IntakeContent[K]>) =>
    setContent({ ...content, [k]: { ...(content[k] as object), ...patch } });
  const area = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    max = 2000,
    hint?: string,
  ) => (
    <TextAreaField
      id={`intake-${id}`}
      label={label}
      hint={hint}
      compact
      maxLength={max}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
  const select = (
    id: string,
    label: string,
    value: string,
    options: readonly string[],
    group: string,
    onChange: (v: string) => void,
  ) => (
    <SelectField
      id={`intake-${id}`}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={options.map((o) => ({ value: o, label: t(`support.records.intake.${group}.${o}`) }))}
    />
  );
  const label = (key: string) => t(`support.records.intake.${key}`);

  if (conflict)
    return (
      <ConflictPanel
        idPrefix="intake"
        testId="intake-conflict"
        currentVersion={conflict.current.version}
        heading={t('support.records.conflictHeading')}
        lead={t('support.records.conflictLead')}
        yoursLabel={t('support.records.yours')}
        keepMineLabel={t('support.records.keepMine')}
        takeCurrentLabel={t('support.records.takeCurrent')}
        current={<IntakeSummary content={conflict.current.content} />}
        yours={<IntakeSummary content={conflict.yours} />}
        busy={save.isPending}
        onKeepMine={() => {
          const target = { id: conflict.current.id, version: conflict.current.version };
          setBase(target);
          setConflict(null);
          save.mutate(target);
        }}
        onTakeCurrent={() => {
          setContent({ ...emptyIntake(), ...conflict.current.content });
          setBase({ id: conflict.current.id, version: conflict.current.version });
          setConflict(null);
        }}
      />
    );

  return (
    <>
      {current && (
        <RecordVersions kind="intake" personId={personId} record={current} versionQuery={intakeVersionQuery}>
          {(version) => <IntakeSummary content={version.content} />}
        </RecordVersions>
      )}
      <LiveStatus message={saved} />
      {draft.restoredAt && (
        <Notice tone="info">
          {t('support.records.draftRestored', { time: formatStaffInstant(draft.restoredAt, i18n.language) })}
        </Notice>
      )}
      <form noValidate onSubmit={submit} className="flex max-w-3xl flex-col gap-6">
        <FormProblem error={save.error} idPrefix="intake" focusKey={focusKey} />
        <p className="text-dns-14N-130 text-solid-gray-700">{t('support.records.draftHint')}</p>
        <p className="text-std-16N-170">{label('lead')}</p>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('referralHeading')}</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            {select('referral-who', label('who'), content.referral.who, REFERRAL_WHO, 'whoOptions', (v) =>
              sub('referral', { who: v }),
            )}
            {select('referral-how', label('how'), content.referral.how, REFERRAL_HOW, 'howOptions', (v) =>
              sub('referral', { how: v }),
            )}
            <TextField
              id="intake-referral-on"
              type="date"
              label={label('on')}
              value={content.referral.on ?? ''}
              onChange={(e) => sub('referral', { on: e.target.value || null })}
            />
          </div>
          {area(
            'referral-detail',
            label('referralDetail'),
            content.referral.detail,
            (v) => sub('referral', { detail: v }),
            1000,
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('mainConcernHeading')}</legend>
          {area(
            'mainConcern-words',
            label('mainConcern'),
            content.mainConcern.words,
            (v) => sub('mainConcern', { words: v }),
            4000,
            label('mainConcernHint'),
          )}
          {select(
            'mainConcern-whose',
            label('whose'),
            content.mainConcern.whose,
            ['person', 'family', 'both'],
            'whoseOptions',
            (v) => sub('mainConcern', { whose: v as IntakeContent['mainConcern']['whose'] }),
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('situationHeading')}</legend>
          {area('personSituation-dailyLife', label('dailyLife'), content.personSituation.dailyLife, (v) =>
            sub('personSituation', { dailyLife: v }),
          )}
          {select(
            'personSituation-goingOut',
            label('goingOut'),
            content.personSituation.goingOut,
            GOING_OUT,
            'goingOutOptions',
            (v) => sub('personSituation', { goingOut: v }),
          )}
          {area('personSituation-health', label('health'), content.personSituation.health, (v) =>
            sub('personSituation', { health: v }),
          )}
          {area(
            'personSituation-sleep',
            label('sleep'),
            content.personSituation.sleep,
            (v) => sub('personSituation', { sleep: v }),
            1000,
          )}
          <TextField
            id="intake-personSituation-withdrawalSince"
            inputMode="numeric"
            label={label('withdrawalSince')}
            hint={label('withdrawalSinceHint')}
            value={content.personSituation.withdrawalSince?.toString() ?? ''}
            onChange={(e) => {
              const year = Number(e.target.value.normalize('NFKC').trim());
              sub('personSituation', {
                withdrawalSince: e.target.value.trim() && Number.isInteger(year) ? year : null,
              });
            }}
          />
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('householdHeading')}</legend>
          {area('household-composition', label('composition'), content.household.composition, (v) =>
            sub('household', { composition: v }),
          )}
          {area('household-note', label('householdNote'), content.household.note, (v) =>
            sub('household', { note: v }),
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('lifeHistoryHeading')}</legend>
          {area('lifeHistory-school', label('school'), content.lifeHistory.school, (v) =>
            sub('lifeHistory', { school: v }),
          )}
          {area('lifeHistory-work', label('work'), content.lifeHistory.work, (v) =>
            sub('lifeHistory', { work: v }),
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('financesHeading')}</legend>
          {select(
            'finances-situation',
            label('finances'),
            content.finances.situation,
            FINANCES,
            'financeOptions',
            (v) => sub('finances', { situation: v }),
          )}
          {area(
            'finances-note',
            label('financesNote'),
            content.finances.note,
            (v) => sub('finances', { note: v }),
            1000,
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('wishesHeading')}</legend>
          {area('socialParticipation', label('socialParticipation'), content.socialParticipation, (v) =>
            set('socialParticipation', v),
          )}
          {area('personWishes', label('personWishes'), content.personWishes, (v) => set('personWishes', v))}
          {area('familyWishes', label('familyWishes'), content.familyWishes, (v) => set('familyWishes', v))}
          {area('supportIssues', label('supportIssues'), content.supportIssues, (v) =>
            set('supportIssues', v),
          )}
        </fieldset>
        <fieldset className={cardClass}>
          <legend className="px-1 text-std-17B-170">{label('urgencyHeading')}</legend>
          {select('urgency-level', label('urgency'), content.urgency.level, URGENCY, 'urgencyOptions', (v) =>
            sub('urgency', { level: v }),
          )}
          {area(
            'urgency-reason',
            label('urgencyReason'),
            content.urgency.reason,
            (v) => sub('urgency', { reason: v }),
            1000,
          )}
          {select('sharing', label('sharing'), content.sharing, SHARING, 'sharingOptions', (v) =>
            set('sharing', v as IntakeContent['sharing']),
          )}
        </fieldset>
        <div>
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {save.isPending
              ? t('support.person.saving')
              : base
                ? t('support.records.intakeSaveVersion', { version: base.version + 1 })
                : t('support.records.intakeSave')}
          </button>
        </div>
      </form>
    </>
  );
}

/** The parts of an intake that matter when two versions are compared. */
function IntakeSummary({ content }: { content: IntakeContent }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`support.records.intake.${key}`);
  return (
    <dl className="grid gap-x-4 gap-y-1 text-std-16N-170">
      <dt className="font-bold">{label('mainConcern')}</dt>
      <dd className="whitespace-pre-wrap break-words">{content.mainConcern.words || '—'}</dd>
      <dt className="font-bold">{label('goingOut')}</dt>
      <dd>{label(`goingOutOptions.${content.personSituation.goingOut}`)}</dd>
      <dt className="font-bold">{label('personWishes')}</dt>
      <dd className="whitespace-pre-wrap break-words">{content.personWishes || '—'}</dd>
      <dt className="font-bold">{label('supportIssues')}</dt>
      <dd className="whitespace-pre-wrap break-words">{content.supportIssues || '—'}</dd>
      <dt className="font-bold">{label('urgency')}</dt>
      <dd>{label(`urgencyOptions.${content.urgency.level}`)}</dd>
    </dl>
  );
}
