import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { secondaryButtonClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  AGENCY_KINDS,
  type Agency,
  type AgencyKind,
  activeAccountsQuery,
  addAgencyMember,
  agenciesQuery,
  agencyKeys,
  createAgency,
} from '../api.ts';
import { useCan } from './common.tsx';

/** `/console/agencies`: partner agencies of the tenant; staff who manage them add new ones. */
export function AgenciesPage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const agencies = useQuery(agenciesQuery());
  const canManage = useCan('agencies.manage');
  const canListAccounts = useCan('accounts.read');
  return (
    <>
      <PageHeading title={t('agencies.list.title')}>{t('agencies.list.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('agencies.list.lead')}</p>
      {agencies.isError && (
        <Notice tone="error">
          <p>{problemMessage(agencies.error)}</p>
        </Notice>
      )}
      {agencies.data && (
        <DataTable label={t('agencies.list.title')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t('agencies.list.name')}</th>
                <th className={thClass}>{t('agencies.list.kind')}</th>
                <th className={thClass}>{t('agencies.list.contact')}</th>
                <th className={thClass}>{t('agencies.list.members')}</th>
              </tr>
            </thead>
            <tbody>
              {agencies.data.items.map((a) => (
                <tr key={a.id}>
                  <td className={tdClass}>{a.name}</td>
                  <td className={tdClass}>{t(`agencies.kinds.${a.kind}`)}</td>
                  <td className={tdClass}>{a.contact}</td>
                  <td className={tdClass}>
                    {a.members.map((m) => m.displayName).join('、') || t('agencies.list.none')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {canManage && <AgencyForm />}
      {canManage && canListAccounts && agencies.data && <AddMemberForm agencies={agencies.data.items} />}
    </>
  );
}

/** Administrators link an account with the partner-agency role to its agency. */
function AddMemberForm({ agencies }: { agencies: Agency[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const accounts = useQuery(activeAccountsQuery(200));
  const candidates = (accounts.data?.items ?? []).filter((a) => a.roles.includes('agency_member'));
  const [agencyId, setAgencyId] = useState(agencies[0]?.id ?? '');
  const [accountId, setAccountId] = useState('');
  const form = useMutationForm({
    mutationFn: () => addAgencyMember(agencyId, accountId || candidates[0]!.id),
    successMessage: t('agencies.list.memberAdded'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.agencies }),
  });
  if (candidates.length === 0) return null;
  return (
    <CardSection
      headingId="member-add-heading"
      heading={t('agencies.list.memberHeading')}
      className="max-w-3xl"
    >
      <MutationForm
        form={form}
        idPrefix="member"
        submitLabel={t('agencies.list.memberAdd')}
        submitClassName={secondaryButtonClass}
      >
        <SelectField
          id="member-agency"
          label={t('agencies.list.name')}
          value={agencyId}
          onChange={(e) => setAgencyId(e.target.value)}
          options={agencies.map((a) => ({ value: a.id, label: a.name }))}
        />
        <SelectField
          id="member-accountId"
          label={t('agencies.list.account')}
          value={accountId || candidates[0]!.id}
          onChange={(e) => setAccountId(e.target.value)}
          options={candidates.map((a) => ({ value: a.id, label: `${a.displayName}（${a.email}）` }))}
        />
      </MutationForm>
    </CardSection>
  );
}

function AgencyForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AgencyKind>('npo');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const form = useMutationForm({
    mutationFn: () => createAgency({ kind, name, contact }),
    successMessage: t('agencies.list.added'),
    onSuccess: () => {
      setName('');
      setContact('');
      return queryClient.invalidateQueries({ queryKey: agencyKeys.agencies });
    },
  });
  return (
    <CardSection headingId="agency-add-heading" heading={t('agencies.list.addHeading')} className="max-w-3xl">
      <MutationForm form={form} idPrefix="agency" submitLabel={t('agencies.list.add')}>
        <SelectField
          id="agency-kind"
          label={t('agencies.list.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as AgencyKind)}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`agencies.kinds.${k}`) }))}
        />
        <TextField
          id="agency-name"
          label={t('agencies.list.name')}
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          id="agency-contact"
          label={t('agencies.list.contact')}
          value={contact}
          onChange={(e) => setContact(e.target.value)}
        />
      </MutationForm>
    </CardSection>
  );
}
