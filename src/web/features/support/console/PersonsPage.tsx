import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { DataTable } from '../../../ui/DataTable.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar } from '../../../ui/ListFilterBar.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { linkClass, tableClass, tdClass, thClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  createRecord,
  type PersonInput,
  type PersonSearch,
  type PersonSort,
  type PersonSummary,
  personListCsvHref,
  personsQuery,
  type SearchCandidate,
  searchPersons,
  supportKeys,
} from '../api.ts';
import { emptyPerson, PersonFields } from './PersonFields.tsx';

/**
 * `/console/support/persons`: search first (so no one gets a second record), then create with a
 * 呼び名 only if nobody matches; below, every case the account may see.
 */
export function PersonsPage() {
  const { t } = useTranslation();
  const title = t('support.records.personsTitle');
  const [searched, setSearched] = useState<{ query: PersonSearch; items: SearchCandidate[] } | null>(null);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageHeading title={title}>{title}</PageHeading>
        <Link to="/console/support/import" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('support.records.importLink')}
        </Link>
      </div>
      <p className="max-w-3xl text-std-16N-170">{t('support.records.personsLead')}</p>
      <SearchForm onResult={setSearched} />
      {searched && <SearchResults items={searched.items} />}
      {searched && (
        <CreateForm key={JSON.stringify(searched.query)} nickname={searched.query.nickname ?? ''} />
      )}
      <PersonList />
    </>
  );
}

function SearchForm({
  onResult,
}: {
  onResult: (r: { query: PersonSearch; items: SearchCandidate[] }) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState<Required<PersonSearch>>({
    nickname: '',
    realName: '',
    realNameKana: '',
    birthDate: '',
    phone: '',
  });
  /** Only the fields filled in: an empty one would match nobody. */
  const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v.trim())) as PersonSearch;
  const form = useMutationForm({
    mutationFn: () => searchPersons(query).then((r) => ({ query, items: r.items })),
    onSuccess: async (result) => onResult(result),
    validate: (): Record<string, string> =>
      Object.keys(query).length === 0 ? { nickname: t('support.records.searchRequired') } : {},
  });
  const field = (key: keyof PersonSearch, label: string, type = 'text') => (
    <TextField
      id={`search-${key}`}
      type={type}
      label={label}
      error={form.local[key]}
      value={q[key]}
      onChange={(e) => setQ({ ...q, [key]: e.target.value })}
    />
  );
  return (
    <CardSection
      headingId="search-heading"
      heading={t('support.records.searchHeading')}
      className="max-w-3xl"
    >
      <p className="text-std-16N-170">{t('support.records.searchLead')}</p>
      <MutationForm form={form} idPrefix="search" submitLabel={t('support.records.search')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {field('nickname', t('support.consultation.nickname'))}
          {field('realName', t('support.records.realName'))}
          {field('realNameKana', t('support.records.realNameKana'))}
          {field('birthDate', t('support.records.birthDate'), 'date')}
          {field('phone', t('support.records.phone'), 'tel')}
        </div>
      </MutationForm>
    </CardSection>
  );
}

function SearchResults({ items }: { items: SearchCandidate[] }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="results-heading"
      className="flex max-w-3xl flex-col gap-3"
      data-testid="search-results"
    >
      <h2 id="results-heading" className="text-std-20B-150" tabIndex={-1}>
        {t('support.records.resultsHeading', { count: items.length })}
      </h2>
      {items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.records.noMatch')}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((p) => (
            <li key={p.id} className="rounded-8 border border-solid-gray-420 bg-white p-3">
              <Link
                to="/console/support/persons/$id"
                params={{ id: p.id }}
                className={`${linkClass} inline-flex min-h-11 items-center font-bold`}
              >
                {p.nickname}
              </Link>
              <p className="text-dns-16N-130">
                {t('support.records.matchedOn', {
                  fields: p.matchedOn.map((f) => t(`support.records.fields.${f}`)).join('・'),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateForm({ nickname }: { nickname: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const [value, setValue] = useState<PersonInput>(() => emptyPerson(nickname));
  const [lead, setLead] = useState(true);
  const form = useMutationForm({
    mutationFn: () => createRecord({ ...value, leadWorkerId: lead ? (me.data?.account.id ?? null) : null }),
    onSuccess: async (person) => {
      await queryClient.invalidateQueries({ queryKey: supportKeys.all });
      await navigate({ to: '/console/support/persons/$id', params: { id: person.id } });
    },
    validate: (): Record<string, string> =>
      value.nickname.trim() ? {} : { nickname: t('support.consultation.nicknameRequired') },
  });
  return (
    <CardSection
      headingId="create-heading"
      heading={t('support.records.createHeading')}
      className="max-w-3xl"
    >
      <p className="text-std-16N-170">{t('support.records.createLead')}</p>
      <MutationForm
        form={form}
        idPrefix="person"
        submitLabel={
          form.mutation.isPending ? t('support.consultation.creating') : t('support.records.create')
        }
      >
        <PersonFields idPrefix="person" value={value} onChange={setValue} errors={form.local} />
        <Checkbox
          id="person-lead"
          label={t('support.consultation.lead')}
          checked={lead}
          onChange={(e) => setLead(e.target.checked)}
        />
      </MutationForm>
    </CardSection>
  );
}

function PersonList() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const [scope, setScope] = useState<'mine' | 'all'>('all');
  const [familyOnly, setFamilyOnly] = useState(false);
  const [sort, setSort] = useState<PersonSort>('contact');
  const [q, setQ] = useState('');
  const filter = { scope, familyOnly, q, sort };
  const list = useQuery(personsQuery(filter));
  return (
    <section aria-labelledby="list-heading" className="flex flex-col gap-3">
      <h2 id="list-heading" className="text-std-20B-150">
        {t('support.records.listHeading')}
      </h2>
      {/* Server-side: the records list is paged (q, sort and scope go to GET /api/support/persons). */}
      <ListFilterBar
        id="persons"
        label={t('support.records.filterLabel')}
        text={{
          label: t('support.records.filterText'),
          hint: t('support.records.filterHint'),
          value: q,
          onApply: setQ,
          applyLabel: t('support.records.filterApply'),
        }}
        sort={{
          label: t('support.records.sort'),
          value: sort,
          onChange: setSort,
          options: (['contact', 'nickname', 'review', 'urgency'] as const).map((value) => ({
            value,
            label: t(`support.records.sorts.${value}`),
          })),
        }}
      >
        <ScopeSelect id="persons-scope" scope={scope} onChange={setScope} />
        <Checkbox
          id="persons-familyOnly"
          label={t('support.records.familyOnlyFilter')}
          checked={familyOnly}
          onChange={(e) => setFamilyOnly(e.target.checked)}
        />
      </ListFilterBar>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : list.data.items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.caseload.none')}</p>
      ) : (
        <>
          <p className="flex flex-wrap items-center gap-x-6 text-dns-16N-130" role="status">
            <span>
              {t('support.records.shown', { shown: list.data.items.length, total: list.data.total })}
            </span>
            <a
              className={`${linkClass} inline-flex min-h-11 items-center`}
              href={personListCsvHref(filter)}
              download
            >
              {t('support.records.exportShown')}
            </a>
          </p>
          <PersonTable label={t('support.records.listHeading')} items={list.data.items} markFamilyOnly />
        </>
      )}
    </section>
  );
}

type PersonScope = 'mine' | 'all';

/** Whose records a list shows: the worker's own (as lead worker) or the whole tenant's. */
export function ScopeSelect({
  id,
  scope,
  onChange,
}: {
  id: string;
  scope: PersonScope;
  onChange: (scope: PersonScope) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="w-64">
      <SelectField
        id={id}
        compact
        label={t('support.caseload.scope')}
        value={scope}
        onChange={(e) => onChange(e.target.value as PersonScope)}
        options={[
          { value: 'mine', label: t('support.caseload.mine') },
          { value: 'all', label: t('support.caseload.all') },
        ]}
      />
    </div>
  );
}

/** Persons in a table that links each to its record: this page's list and every caseload table. */
export function PersonTable({
  label,
  items,
  markFamilyOnly = false,
}: {
  label: string;
  items: PersonSummary[];
  /** This list, which filters by it, marks family-only records; the caseload tables never did. */
  markFamilyOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable label={label}>
      <table className={tableClass}>
        <thead>
          <tr>
            <th scope="col" className={thClass}>
              {t('support.consultation.nickname')}
            </th>
            <th scope="col" className={thClass}>
              {t('support.caseload.sinceContact')}
            </th>
            <th scope="col" className={thClass}>
              {t('support.caseload.nextReview')}
            </th>
            <th scope="col" className={thClass}>
              {t('support.person.preferencesHeading')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <td className={tdClass}>
                <Link
                  to="/console/support/persons/$id"
                  params={{ id: p.id }}
                  className={`${linkClass} inline-flex min-h-11 items-center`}
                >
                  {p.nickname}
                </Link>
                {markFamilyOnly && p.familyOnly && (
                  <span className="ml-2 text-dns-14N-130">{t('support.records.familyOnlyShort')}</span>
                )}
              </td>
              <td className={tdClass}>
                {p.daysSinceContact === null
                  ? t('support.caseload.never')
                  : t('support.caseload.days', { count: p.daysSinceContact })}
              </td>
              <td className={tdClass}>
                {p.nextReviewOn ? formatStaffDay(p.nextReviewOn, i18n.language) : '—'}
              </td>
              <td className={tdClass}>
                {p.contactPreferences.noHomeVisits ? t('support.person.noHomeVisits') : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </DataTable>
  );
}
