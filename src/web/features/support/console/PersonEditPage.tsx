import '../i18n.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../api/client.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { RadioGroup } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { cardClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  mergeRecords,
  type PersonInput,
  type PersonRecord,
  personInputOf,
  type SearchCandidate,
  searchPersons,
  supportKeys,
  updateRecord,
} from '../api.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { PersonFields } from './PersonFields.tsx';
import { ContactWishes, RecordPage } from './RecordHeader.tsx';

/** `/console/support/persons/{id}/edit`: the person's details and contact wishes; merging a duplicate. */
export function PersonEditPage({ id }: { id: string }) {
  return (
    <RecordPage personId={id} section="edit">
      {(person) => (
        <>
          <EditForm person={person} />
          {person.access.canManage && person.status !== 'merged' && <MergeSection person={person} />}
        </>
      )}
    </RecordPage>
  );
}

type PersonConflict = { current: PersonRecord; yours: PersonInput };

function EditForm({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<PersonInput>(() => personInputOf(person));
  const [base, setBase] = useState(person.version);
  const [conflict, setConflict] = useState<PersonConflict | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (version: number) => updateRecord(person.id, version, value),
    onSuccess: (next) => {
      setBase(next.version);
      setSaved(t('support.records.personSaved'));
      queryClient.setQueryData(supportKeys.person(person.id), next);
    },
    onError: (e) => {
      if (isApiError(e, 409) && e.problem.extra?.current) {
        setConflict({ current: e.problem.extra.current as PersonRecord, yours: value });
        return;
      }
      setFocusKey((k) => k + 1);
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!value.nickname.trim()) {
      setLocal({ nickname: t('support.consultation.nicknameRequired') });
      setFocusKey((k) => k + 1);
      return;
    }
    setLocal({});
    save.mutate(base);
  }
  if (conflict)
    return (
      <ConflictPanel
        idPrefix="person"
        testId="person-conflict"
        currentVersion={conflict.current.version}
        heading={t('support.records.conflictHeading')}
        lead={t('support.records.conflictLead')}
        yoursLabel={t('support.records.yours')}
        keepMineLabel={t('support.records.keepMine')}
        takeCurrentLabel={t('support.records.takeCurrent')}
        current={
          <>
            <p className="font-bold">{conflict.current.nickname}</p>
            <ContactWishes prefs={conflict.current.contactPreferences} />
          </>
        }
        yours={
          <>
            <p className="font-bold">{conflict.yours.nickname}</p>
            <ContactWishes prefs={conflict.yours.contactPreferences} />
          </>
        }
        busy={save.isPending}
        onKeepMine={() => {
          const v = conflict.current.version;
          setBase(v);
          setConflict(null);
          save.mutate(v);
        }}
        onTakeCurrent={() => {
          queryClient.setQueryData(supportKeys.person(person.id), conflict.current);
          setValue(personInputOf(conflict.current));
          setBase(conflict.current.version);
          setConflict(null);
        }}
      />
    );
  return (
    <section aria-labelledby="edit-heading" className={`${cardClass} max-w-3xl`}>
      <h2 id="edit-heading" className="text-std-20B-150">
        {t('support.records.editHeading')}
      </h2>
      <LiveStatus message={saved} />
      <form noValidate onSubmit={submit} className="flex flex-col gap-4">
        <FormProblem error={save.error} local={local} idPrefix="person" focusKey={focusKey} />
        <PersonFields idPrefix="person" value={value} onChange={setValue} errors={local} showStatus />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={save.isPending}>
            {save.isPending ? t('support.person.saving') : t('support.records.savePerson')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * Merging a duplicate record: find it, choose which record survives, confirm. Nothing is deleted:
 * the other record points to the survivor and every note, plan and measure of both stays readable.
 */
function MergeSection({ person }: { person: PersonRecord }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [nickname, setNickname] = useState(person.nickname);
  const [candidates, setCandidates] = useState<SearchCandidate[] | null>(null);
  const [other, setOther] = useState<string | undefined>(undefined);
  const [survivor, setSurvivor] = useState<'this' | 'other'>('this');
  const [confirming, setConfirming] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const [result, setResult] = useState<{ survivor: PersonRecord; mergedNickname: string } | null>(null);
  const search = useMutation({
    mutationFn: () => searchPersons({ nickname }),
    onSuccess: (r) => {
      setCandidates(r.items.filter((c) => c.id !== person.id));
      setOther(undefined);
    },
  });
  const merge = useMutation({
    mutationFn: async () => {
      const otherId = other!;
      // Both versions fresh from the server: a stale one answers 409 rather than merging blind.
      const [me, them] = await Promise.all([
        api<PersonRecord>(`/api/support/persons/${person.id}`),
        api<PersonRecord>(`/api/support/persons/${otherId}`),
      ]);
      const [keep, drop] = survivor === 'this' ? [me, them] : [them, me];
      const merged = await mergeRecords(keep.id, {
        duplicateId: drop.id,
        version: keep.version,
        duplicateVersion: drop.version,
      });
      return { survivor: merged, mergedNickname: drop.nickname };
    },
    onSuccess: async (r) => {
      setConfirming(false);
      setResult(r);
      await queryClient.invalidateQueries({ queryKey: supportKeys.all });
    },
    onError: () => {
      setConfirming(false);
      setFocusKey((k) => k + 1);
    },
  });
  const chosen = candidates?.find((c) => c.id === other);
  if (result)
    return (
      <section
        aria-labelledby="merge-heading"
        className={`${cardClass} max-w-3xl`}
        data-testid="merge-result"
      >
        <h2 id="merge-heading" className="text-std-20B-150">
          {t('support.records.mergeDone')}
        </h2>
        <p className="text-std-16N-170">
          {t('support.records.mergeResult', {
            survivor: result.survivor.nickname,
            merged: result.mergedNickname,
            count: result.survivor.mergedIds.length,
          })}
        </p>
        <Link
          to="/console/support/persons/$id"
          params={{ id: result.survivor.id }}
          className={`${linkClass} inline-flex min-h-11 items-center self-start`}
        >
          {t('support.records.toSurvivor', { name: result.survivor.nickname })}
        </Link>
      </section>
    );
  return (
    <section aria-labelledby="merge-heading" className={`${cardClass} max-w-3xl`}>
      <h2 id="merge-heading" className="text-std-20B-150">
        {t('support.records.mergeHeading')}
      </h2>
      <p className="text-std-16N-170">{t('support.records.mergeLead')}</p>
      <FormProblem error={merge.error ?? search.error} idPrefix="merge" focusKey={focusKey} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (nickname.trim()) search.mutate();
        }}
        className="flex flex-wrap items-end gap-3"
      >
        <div className="min-w-0 flex-1">
          <TextField
            id="merge-nickname"
            label={t('support.records.mergeSearch')}
            value={nickname}
            onChange={(e) => setNickname(e.target.value)}
          />
        </div>
        <button type="submit" className={secondaryButtonClass} disabled={search.isPending}>
          {t('support.records.search')}
        </button>
      </form>
      {candidates && candidates.length === 0 && (
        <p className="text-std-16N-170">{t('support.records.noDuplicates')}</p>
      )}
      {candidates && candidates.length > 0 && (
        <>
          <RadioGroup
            id="merge-other"
            legend={t('support.records.mergeWhich')}
            value={other}
            onChange={setOther}
            options={candidates.map((c) => ({
              value: c.id,
              label: c.nickname,
              hint: t('support.records.matchedOn', {
                fields: c.matchedOn.map((f) => t(`support.records.fields.${f}`)).join('・'),
              }),
            }))}
          />
          {chosen && (
            <RadioGroup
              id="merge-survivor"
              legend={t('support.records.survivorLegend')}
              value={survivor}
              onChange={(v) => setSurvivor(v as 'this' | 'other')}
              options={[
                { value: 'this', label: t('support.records.keepRecord', { name: person.nickname }) },
                { value: 'other', label: t('support.records.keepRecord', { name: chosen.nickname }) },
              ]}
            />
          )}
          <div>
            <button
              type="button"
              className={primaryButtonClass}
              disabled={!chosen}
              onClick={() => setConfirming(true)}
            >
              {t('support.records.mergeButton')}
            </button>
          </div>
        </>
      )}
      {chosen && (
        <ConfirmDialog
          open={confirming}
          title={t('support.records.mergeConfirmTitle')}
          confirmLabel={t('support.records.mergeConfirm')}
          busy={merge.isPending}
          onConfirm={() => merge.mutate()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {t('support.records.mergeConfirmBody', {
              survivor: survivor === 'this' ? person.nickname : chosen.nickname,
              merged: survivor === 'this' ? chosen.nickname : person.nickname,
            })}
          </p>
          <Notice tone="info">
            <p>{t('support.records.mergeKeepsHistory')}</p>
          </Notice>
        </ConfirmDialog>
      )}
    </section>
  );
}
