import '../i18n.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { compactButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { addProtection } from '../api.ts';

/**
 * Emergency protection through the welfare department: where, when, by whom, and the follow-up date
 * (a reminder goes to the assignee or the recorder on that day). Used on the report's page and on the
 * protection board (consultation staff).
 */
export function ProtectionForm({ reportId, onSaved }: { reportId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const idPrefix = `protection-${reportId.slice(0, 8)}`;
  const [protectedAt, setProtectedAt] = useState('');
  const [place, setPlace] = useState('');
  const [protectedBy, setProtectedBy] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const [note, setNote] = useState('');
  // The caller tells of the success (onSaved).
  const form = useMutationForm({
    validate: () => {
      const errors: Record<string, string> = {};
      if (!protectedAt) errors.protectedAt = t('reports.protection.errors.protectedAt');
      if (!place.trim()) errors.place = t('reports.protection.errors.place');
      if (!protectedBy.trim()) errors.protectedBy = t('reports.protection.errors.protectedBy');
      if (!followUpOn) errors.followUpOn = t('reports.protection.errors.followUpOn');
      return errors;
    },
    mutationFn: () =>
      addProtection(reportId, {
        // <input type="datetime-local"> has no zone: the form is for Japan time.
        protectedAt: `${protectedAt.length === 16 ? `${protectedAt}:00` : protectedAt}+09:00`,
        place,
        protectedBy,
        followUpOn,
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: () => {
      setProtectedAt('');
      setPlace('');
      setProtectedBy('');
      setFollowUpOn('');
      setNote('');
      onSaved();
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.submit}
      className="flex flex-col gap-4"
      aria-label={t('reports.protection.formLabel')}
    >
      <FormProblem
        error={form.mutation.error}
        local={form.local}
        idPrefix={idPrefix}
        focusKey={form.focusKey}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id={`${idPrefix}-protectedAt`}
          type="datetime-local"
          label={t('reports.protection.protectedAt')}
          required
          error={form.local.protectedAt}
          value={protectedAt}
          onChange={(e) => setProtectedAt(e.target.value)}
        />
        <TextField
          id={`${idPrefix}-followUpOn`}
          type="date"
          label={t('reports.protection.followUpOn')}
          hint={t('reports.protection.followUpHint')}
          required
          error={form.local.followUpOn}
          value={followUpOn}
          onChange={(e) => setFollowUpOn(e.target.value)}
        />
        <TextField
          id={`${idPrefix}-place`}
          label={t('reports.protection.place')}
          required
          error={form.local.place}
          maxLength={300}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
        />
        <TextField
          id={`${idPrefix}-protectedBy`}
          label={t('reports.protection.protectedBy')}
          hint={t('reports.protection.protectedByHint')}
          required
          error={form.local.protectedBy}
          maxLength={300}
          value={protectedBy}
          onChange={(e) => setProtectedBy(e.target.value)}
        />
      </div>
      <TextAreaField
        id={`${idPrefix}-note`}
        compact
        label={t('reports.protection.note')}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div>
        <button type="submit" className={compactButtonClass} disabled={form.mutation.isPending}>
          {form.mutation.isPending ? t('dialog.working') : t('reports.protection.save')}
        </button>
      </div>
    </form>
  );
}
