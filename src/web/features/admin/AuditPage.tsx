import './i18n.ts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../api/useProblemMessage.ts';
import { inLanguage } from '../../i18n/language.ts';
import { DataTable } from '../../ui/DataTable.tsx';
import { formatStaffInstant, tokyoDayBoundary } from '../../ui/datetime.ts';
import { FormProblem, fieldErrorsByPath } from '../../ui/FormProblem.tsx';
import { ListFilterBar } from '../../ui/ListFilterBar.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import {
  cardClass,
  compactButtonClass,
  compactInputClass,
  linkClass,
  monoClass,
  tableClass,
  tdClass,
  thClass,
} from '../../ui/styles.ts';
import {
  type AuditFilter,
  lookupPersons,
  type PersonsRead,
  personsRead,
  searchAccounts,
  searchAudit,
} from './api.ts';
import { useRoleLabel } from './RoleCheckboxes.tsx';

/** `/console/admin/audit`: search the audit log (ids only, never personal content) and the breach report. */
export function AuditPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('audit.lead')}</p>
      <AuditSearch />
      <PersonsReadReport />
    </>
  );
}

type FilterForm = {
  action: string;
  recordType: string;
  recordId: string;
  from: string;
  to: string;
};
const EMPTY: FilterForm = { action: '', recordType: '', recordId: '', from: '', to: '' };

/** Who was chosen in a picker: the id the API needs and the name people read. */
type Picked = { id: string; name: string };

function toFilter(form: FilterForm, account: Picked | null, person: Picked | null): AuditFilter {
  const out: AuditFilter = {};
  if (account) out.accountId = account.id;
  if (form.action.trim()) out.action = form.action.trim();
  if (person) {
    out.recordType = 'person';
    out.recordId = person.id;
  } else {
    if (form.recordType.trim()) out.recordType = form.recordType.trim();
    if (form.recordId.trim()) out.recordId = form.recordId.trim();
  }
  if (form.from) out.from = tokyoDayBoundary(form.from, 'start');
  if (form.to) out.to = tokyoDayBoundary(form.to, 'end');
  return out;
}

/** The CSV of exactly the search on screen (the API audits the export). */
function csvHref(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/admin/audit.csv${query ? `?${query}` : ''}`;
}

/**
 * A search-then-choose picker: type part of a name, press 探す, choose one of the results. Used for
 * the account (by its name or address) and the person (by nickname), so nobody pastes a UUID.
 */
function Picker({
  id,
  label,
  hint,
  picked,
  onPick,
  search,
  chooseLabel,
}: {
  id: string;
  label: string;
  hint: string;
  picked: Picked | null;
  onPick: (picked: Picked | null) => void;
  search: (q: string) => Promise<Array<Picked & { detail?: string }>>;
  chooseLabel: (name: string) => string;
}) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Array<Picked & { detail?: string }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (picked)
    return (
      <div className="flex min-w-0 flex-col gap-1">
        <span className="text-dns-16B-130">{label}</span>
        <p className="flex flex-wrap items-center gap-2" data-testid={`${id}-picked`}>
          <span>{picked.name}</span>
          <button type="button" className={compactButtonClass} onClick={() => onPick(null)}>
            {t('audit.pickerClear', { name: picked.name })}
          </button>
        </p>
      </div>
    );
  const find = async () => {
    if (!q.trim()) return;
    try {
      setError(null);
      setResults(await search(q.trim()));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-dns-16B-130">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
        {hint}
      </p>
      <div className="flex gap-2">
        <input
          id={id}
          className={compactInputClass}
          value={q}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter looks the name up instead of submitting the whole search.
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
        />
        <button type="button" className={compactButtonClass} onClick={() => void find()}>
          {t('audit.pickerFind', { label })}
        </button>
      </div>
      {error !== null && (
        <p className="text-dns-16B-130 text-error-2" role="alert">
          {problemMessage(error)}
        </p>
      )}
      {results !== null &&
        (results.length === 0 ? (
          <p role="status">{t('audit.pickerNone')}</p>
        ) : (
          <ul className="flex flex-col gap-1" aria-label={t('audit.pickerResults', { label })}>
            {results.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={`${linkClass} min-h-11 text-left`}
                  onClick={() => {
                    onPick({ id: r.id, name: r.name });
                    setResults(null);
                    setQ('');
                  }}
                >
                  {chooseLabel(r.name)}
                </button>
                {r.detail && <span className="ml-2 text-dns-14N-130 text-solid-gray-700">{r.detail}</span>}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}

const findAccounts = async (q: string) =>
  (await searchAccounts(q)).items.map((a) => ({ id: a.id, name: a.displayName || a.email, detail: a.email }));

function AuditSearch() {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const roleLabel = useRoleLabel();
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [account, setAccount] = useState<Picked | null>(null);
  const [person, setPerson] = useState<Picked | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const events = useInfiniteQuery({
    queryKey: ['admin', 'audit', filter],
    queryFn: ({ pageParam, signal }) => searchAudit(filter, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const set = (key: keyof FilterForm) => (event: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: event.target.value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (form.action.trim() && !/^[a-z0-9_.-]+\*?$/.test(form.action.trim()))
      errors.action = t('audit.errors.action');
    if (form.from && form.to && form.from > form.to) errors.to = t('audit.errors.range');
    setLocal(errors);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setFilter((current) => ({
      ...toFilter(form, account, person),
      ...(current.order ? { order: current.order } : {}),
    }));
  };
  // The server names query parameters `/query/<name>`.
  const queryErrors = Object.fromEntries(
    Object.entries(fieldErrorsByPath(events.error)).map(([path, message]) => [
      path.replace(/^\/query\//, ''),
      message,
    ]),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const total = events.data?.pages[0]?.total ?? 0;
  const field = (key: keyof FilterForm, label: string, type = 'text', hint?: string) => {
    const error = local[key] ?? queryErrors[key];
    return (
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`audit-${key}`} className="text-dns-16B-130">
          {label}
        </label>
        {hint && (
          <p id={`audit-${key}-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {hint}
          </p>
        )}
        {error && (
          <p id={`audit-${key}-error`} className="text-dns-16B-130 text-error-2">
            <span className="sr-only">{t('common.errorPrefix')}</span>
            {error}
          </p>
        )}
        <input
          id={`audit-${key}`}
          type={type}
          className={compactInputClass}
          value={form[key]}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [hint ? `audit-${key}-hint` : '', error ? `audit-${key}-error` : ''].filter(Boolean).join(' ') ||
            undefined
          }
          spellCheck={false}
          onChange={set(key)}
        />
      </div>
    );
  };

  return (
    <section aria-labelledby="audit-search-heading" className={cardClass}>
      <h2 id="audit-search-heading" className="text-std-24B-150">
        {t('audit.searchHeading')}
      </h2>
      <search aria-label={t('audit.searchHeading')}>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <FormProblem error={null} local={local} idPrefix="audit" focusKey={attempt} />
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            <Picker
              id="audit-person"
              label={t('audit.person')}
              hint={t('audit.personHint')}
              picked={person}
              onPick={setPerson}
              search={async (q) =>
                (await lookupPersons(q)).items.map((p) => ({ id: p.id, name: p.nickname }))
              }
              chooseLabel={(name) => t('audit.pickerChoose', { name })}
            />
            <Picker
              id="audit-account"
              label={t('audit.account')}
              hint={t('audit.accountHint')}
              picked={account}
              onPick={setAccount}
              search={findAccounts}
              chooseLabel={(name) => t('audit.pickerChoose', { name })}
            />
            {field('action', t('audit.actionCode'), 'text', t('audit.actionHint'))}
            {!person && field('recordType', t('audit.recordType'))}
            {!person && field('recordId', t('audit.recordId'))}
            {field('from', t('audit.from'), 'date')}
            {field('to', t('audit.to'), 'date')}
          </div>
          <div className="flex flex-wrap gap-3">
            <button type="submit" className={compactButtonClass}>
              {t('audit.search')}
            </button>
            <button
              type="button"
              className={compactButtonClass}
              onClick={() => {
                setForm(EMPTY);
                setAccount(null);
                setPerson(null);
                setLocal({});
                setFilter({});
              }}
            >
              {t('audit.clear')}
            </button>
          </div>
        </form>
      </search>
      {/* Server-side: the log is paged; the CSV follows the same order. No text filter here: the
          person and account pickers above are the name filters. */}
      <ListFilterBar
        id="audit"
        label={t('audit.orderBar')}
        sort={{
          label: t('audit.order'),
          value: filter.order ?? 'newest',
          onChange: (order) =>
            setFilter((current) => {
              const { order: _, ...rest } = current;
              return order === 'oldest' ? { ...rest, order } : rest;
            }),
          options: (['newest', 'oldest'] as const).map((value) => ({
            value,
            label: t(`audit.orders.${value}`),
          })),
        }}
      />
      <div role="status" aria-live="polite" className="text-dns-16N-130">
        {events.data && t('audit.count', { count: total, shown: items.length })}
      </div>
      {events.data && total > 0 && (
        <p>
          <a className={`${linkClass} inline-flex min-h-11 items-center`} href={csvHref(filter)} download>
            {t('audit.exportCsv')}
          </a>
        </p>
      )}
      {events.isError ? (
        <Notice tone="error">
          <p>{problemMessage(events.error)}</p>
        </Notice>
      ) : events.isPending ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="text-std-16N-170">{t('audit.none')}</p>
      ) : (
        <DataTable label={t('audit.tableLabel')}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th scope="col" className={thClass}>
                  {t('audit.at')}
                </th>
                <th scope="col" className={thClass}>
                  {t('audit.account')}
                </th>
                <th scope="col" className={thClass}>
                  {t('audit.role')}
                </th>
                <th scope="col" className={thClass}>
                  {t('audit.action')}
                </th>
                <th scope="col" className={thClass}>
                  {t('audit.record')}
                </th>
                <th scope="col" className={thClass}>
                  {t('audit.outcome')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    <time dateTime={e.at}>{formatStaffInstant(e.at, i18n.language, { seconds: true })}</time>
                  </td>
                  <td className={`${tdClass} min-w-32`}>
                    {e.actorAccountId ? (
                      <Link
                        to="/console/admin/accounts/$id"
                        params={{ id: e.actorAccountId }}
                        className={linkClass}
                      >
                        {e.actorName ?? t('audit.unknownAccount')}
                      </Link>
                    ) : (
                      t('audit.system')
                    )}
                  </td>
                  <td className={tdClass}>{e.actorRole ? roleLabel(e.actorRole) : '—'}</td>
                  <td className={tdClass} title={e.action}>
                    {inLanguage(e.label, i18n.language)}
                  </td>
                  <td className={`${tdClass} ${monoClass} min-w-40`}>
                    {e.recordType ? `${e.recordType}${e.recordId ? `: ${e.recordId}` : ''}` : '—'}
                  </td>
                  <td className={tdClass}>
                    {e.outcome === 'ok'
                      ? t('audit.outcomes.ok')
                      : e.outcome === 'denied'
                        ? t('audit.outcomes.denied')
                        : e.outcome}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </DataTable>
      )}
      {events.hasNextPage && (
        <div>
          <button
            type="button"
            className={compactButtonClass}
            disabled={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            {events.isFetchingNextPage ? t('common.loading') : t('pager.more')}
          </button>
        </div>
      )}
    </section>
  );
}

function PersonsReadReport() {
  const { t, i18n } = useTranslation();
  const [account, setAccount] = useState<Picked | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PersonsRead | null>(null);
  const prefix = 'persons-read';

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!account) errors.accountId = t('audit.errors.accountRequired');
    if (!from) errors.from = t('audit.errors.fromRequired');
    if (!to) errors.to = t('audit.errors.toRequired');
    else if (from && from > to) errors.to = t('audit.errors.range');
    setLocal(errors);
    setError(null);
    if (Object.keys(errors).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      setResult(
        await personsRead({
          accountId: account?.id ?? '',
          from: tokyoDayBoundary(from, 'start'),
          to: tokyoDayBoundary(to, 'end'),
        }),
      );
    } catch (failure) {
      setResult(null);
      setError(failure);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const input = (
    key: 'from' | 'to',
    label: string,
    value: string,
    onChange: (v: string) => void,
    type = 'text',
  ) => {
    const message = local[key];
    return (
      <div className="flex min-w-0 flex-col gap-1">
        <label htmlFor={`${prefix}-${key}`} className="text-dns-16B-130">
          {label}
          <span className="ml-2 text-dns-14N-130 text-error-2">{t('common.required')}</span>
        </label>
        {message && (
          <p id={`${prefix}-${key}-error`} className="text-dns-16B-130 text-error-2">
            <span className="sr-only">{t('common.errorPrefix')}</span>
            {message}
          </p>
        )}
        <input
          id={`${prefix}-${key}`}
          type={type}
          className={compactInputClass}
          value={value}
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${prefix}-${key}-error` : undefined}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      </div>
    );
  };

  return (
    <section aria-labelledby="persons-read-heading" className={cardClass}>
      <h2 id="persons-read-heading" className="text-std-24B-150">
        {t('audit.personsHeading')}
      </h2>
      <p className="text-std-16N-170">{t('audit.personsLead')}</p>
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-busy={busy}>
        <FormProblem error={error} local={local} idPrefix={prefix} focusKey={attempt} />
        <div className="grid gap-3 sm:grid-cols-3">
          <Picker
            id={`${prefix}-accountId`}
            label={t('audit.account')}
            hint={t('audit.accountHint')}
            picked={account}
            onPick={setAccount}
            search={findAccounts}
            chooseLabel={(name) => t('audit.pickerChoose', { name })}
          />
          {input('from', t('audit.from'), from, setFrom, 'date')}
          {input('to', t('audit.to'), to, setTo, 'date')}
        </div>
        <div>
          <button type="submit" className={compactButtonClass} disabled={busy}>
            {busy ? t('common.loading') : t('audit.personsSubmit')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {result && (
          <div className="flex flex-col gap-2">
            <p className="text-std-16B-170">
              {t('audit.personsResult', {
                count: result.personIds.length,
                from: formatStaffInstant(result.from, i18n.language),
                to: formatStaffInstant(result.to, i18n.language),
              })}
            </p>
            {result.personIds.length > 0 && (
              <ul aria-label={t('audit.personsListLabel')} className="flex list-disc flex-col gap-1 pl-6">
                {result.personIds.map((id) => (
                  <li key={id} className={monoClass}>
                    {id}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
