import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsQuery } from '../../../api/accounts.ts';
import { api } from '../../../api/client.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { compactButtonClass, compactInputClass } from '../../../ui/styles.ts';
import { type Organiser, organisersQuery } from '../api.ts';

type OrganiserItem = Organiser & { placeId: string | null; memberAccountIds: string[] };

/**
 * For administrators: who organises events here, and which accounts act for each family association
 * (those accounts then manage that organiser's events, and no others).
 */
export function OrganisersSection() {
  const { t } = useTranslation();
  const organisers = useQuery(organisersQuery());
  const accounts = useQuery(accountsQuery({ status: 'active' }, undefined, 200));
  const [status, setStatus] = useState('');
  const candidates = (accounts.data?.items ?? []).filter((a) => a.roles.includes('family_association'));
  return (
    <section aria-labelledby="organisers-heading" className="flex flex-col gap-3">
      <h2 id="organisers-heading" className="text-std-24B-150">
        {t('events.console.organisers.title')}
      </h2>
      <p className="text-std-16N-170">{t('events.console.organisers.lead')}</p>
      <LiveStatus message={status} />
      {(organisers.data?.items ?? []).map((o) => (
        <OrganiserForm key={o.id} organiser={o} candidates={candidates} onSaved={setStatus} />
      ))}
      <OrganiserForm organiser={null} candidates={candidates} onSaved={setStatus} />
    </section>
  );
}

function OrganiserForm({
  organiser,
  candidates,
  onSaved,
}: {
  organiser: OrganiserItem | null;
  candidates: Array<{ id: string; displayName: string; email: string }>;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefix = `org-${organiser?.id.slice(-6) ?? 'new'}`;
  const [name, setName] = useState(organiser?.name ?? '');
  const [kind, setKind] = useState<Organiser['kind']>(organiser?.kind ?? 'family_association');
  const [members, setMembers] = useState<string[]>(organiser?.memberAccountIds ?? []);
  // The section's live region tells of the success (onSaved).
  const save = useMutationForm({
    mutationFn: () =>
      api<OrganiserItem>(organiser ? `/api/events/organisers/${organiser.id}` : '/api/events/organisers', {
        method: organiser ? 'PUT' : 'POST',
        body: { kind, name, placeId: organiser?.placeId ?? null, memberAccountIds: members },
      }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['events', 'organisers'] });
      onSaved(t('events.console.organisers.saved', { name: saved.name }));
      if (!organiser) {
        setName('');
        setMembers([]);
      }
    },
  });
  return (
    <form
      onSubmit={save.submit}
      aria-label={organiser ? organiser.name : t('events.console.organisers.add')}
      className="flex flex-col gap-3 rounded-6 border border-solid-gray-420 bg-white p-3"
    >
      {!organiser && <h3 className="text-std-17B-170">{t('events.console.organisers.add')}</h3>}
      <FormProblem error={save.mutation.error} idPrefix={prefix} focusKey={save.focusKey} />
      <div className="grid gap-3 md:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor={`${prefix}-name`} className="text-dns-16B-130">
            {t('events.console.organisers.name')}
          </label>
          <input
            id={`${prefix}-name`}
            className={compactInputClass}
            maxLength={120}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <SelectField
          id={`${prefix}-kind`}
          compact
          label={t('events.console.organisers.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as Organiser['kind'])}
          options={(['tenant', 'family_association', 'peer_group'] as const).map((k) => ({
            value: k,
            label: t(`events.console.organisers.kinds.${k}`),
          }))}
        />
      </div>
      {candidates.length > 0 && (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-dns-16B-130">{t('events.console.organisers.members')}</legend>
          {candidates.map((a) => (
            <Checkbox
              key={a.id}
              id={`${prefix}-m-${a.id}`}
              label={`${a.displayName}（${a.email}）`}
              checked={members.includes(a.id)}
              onChange={(e) =>
                setMembers((m) => (e.target.checked ? [...m, a.id] : m.filter((x) => x !== a.id)))
              }
            />
          ))}
        </fieldset>
      )}
      <button type="submit" className={`${compactButtonClass} self-start`} disabled={save.mutation.isPending}>
        {organiser ? t('events.console.organisers.save') : t('events.console.organisers.create')}
      </button>
    </form>
  );
}
