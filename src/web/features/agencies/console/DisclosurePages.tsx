import '../i18n.ts';
import '../../console/i18n.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { cardClass, linkClass, primaryButtonClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { useUnsavedEdits } from '../../../ui/useUnsavedEdits.ts';
import {
  agencyKeys,
  approveDisclosure,
  type Disclosure,
  type DisclosureItem,
  decideItems,
  disclosureDocumentQuery,
  disclosureQuery,
  WITHHOLD_REASONS,
  type WithholdReason,
} from '../api.ts';

const kindLabel = (t: (k: string, o: { defaultValue: string }) => string, kind: string) =>
  t(`agencies.disclosure.kinds.${kind}`, { defaultValue: kind });

/** `/console/rights/disclosures/{id}`: review every item, withhold with a reason, approve. */
export function DisclosurePage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const disclosure = useQuery(disclosureQuery(id));
  const [done, setDone] = useState('');
  const [focusKey, setFocusKey] = useState(0);
  const d = disclosure.data;
  // The saved choices with the reviewer's unsaved ones laid over them (useUnsavedEdits says why).
  const choices = useUnsavedEdits<Pick<DisclosureItem, 'withhold' | 'reason'>>(
    d && Object.fromEntries(d.items.map((i) => [i.key, { withhold: i.withhold, reason: i.reason }])),
  );
  const items = (d?.items ?? []).map((i) => ({ ...i, ...choices.values[i.key] }));
  const saveItems = (version: number) =>
    decideItems(
      id,
      version,
      items.map((i) => ({
        key: i.key,
        withhold: i.withhold,
        reason: i.withhold ? (i.reason ?? 'other') : null,
      })),
    );
  /** The server's copy is now the saved one: no choice remains unsaved. */
  const keep = (saved: Disclosure) => {
    queryClient.setQueryData(agencyKeys.disclosure(id), saved);
    choices.reset();
  };
  const settle = (data: Disclosure, message: string) => {
    keep(data);
    setDone(message);
  };
  const save = useMutation({
    mutationFn: () => saveItems(d!.version),
    onSuccess: (data) => settle(data, t('agencies.disclosure.saved')),
    onError: () => setFocusKey((k) => k + 1),
  });
  const approve = useMutation({
    // Approving what is on the screen: unsaved choices are saved first, never dropped. Once saved they
    // are the server's copy, so a refused approval leaves nothing unsaved and the newer version to retry.
    mutationFn: async () => {
      let version = d!.version;
      if (choices.unsaved) {
        const saved = await saveItems(version);
        keep(saved);
        version = saved.version;
      }
      return approveDisclosure(id, version);
    },
    onSuccess: (data) => settle(data, t('agencies.disclosure.approved')),
    onError: () => setFocusKey((k) => k + 1),
  });
  const draft = d?.status === 'draft';
  return (
    <>
      {d && (
        <Link
          to="/console/support/persons/$id/rights"
          params={{ id: d.personId }}
          className={`${linkClass} inline-flex min-h-11 items-center self-start`}
        >
          {t('agencies.disclosure.back')}
        </Link>
      )}
      <PageHeading title={t('agencies.disclosure.title')}>{t('agencies.disclosure.title')}</PageHeading>
      {disclosure.isError && (
        <Notice tone="error">
          <p>{problemMessage(disclosure.error)}</p>
        </Notice>
      )}
      {d && (
        <>
          <p className="text-std-17B-170" data-testid="disclosure-status">
            {draft ? t('agencies.disclosure.statusDraft') : t('agencies.disclosure.statusApproved')} ／{' '}
            {t('agencies.rights.draftSummary', { count: d.itemCount, withheld: d.withheldCount })}
          </p>
          {draft && <p className="max-w-3xl text-std-16N-170">{t('agencies.disclosure.lead')}</p>}
          <FormProblem error={save.error ?? approve.error} idPrefix="decide" focusKey={focusKey} />
          <ol className="flex max-w-4xl flex-col gap-3">
            {items.map((item, n) => (
              <li key={item.key} className={cardClass}>
                <p className="text-std-16B-170">
                  {n + 1}. {kindLabel(t, item.kind)}
                  {item.at && `（${formatStaffInstant(item.at, i18n.language)}）`}
                </p>
                <pre className="whitespace-pre-wrap break-all rounded-6 bg-solid-gray-50 p-2 text-dns-14N-130">
                  {JSON.stringify(item.content, null, 1)}
                </pre>
                {draft ? (
                  <div className="flex flex-wrap items-end gap-4">
                    <Checkbox
                      id={`withhold-${n}`}
                      checked={item.withhold}
                      onChange={(e) =>
                        choices.edit(item.key, {
                          withhold: e.target.checked,
                          reason: e.target.checked ? (item.reason ?? 'other') : null,
                        })
                      }
                      label={t('agencies.disclosure.withhold')}
                    />
                    {item.withhold && (
                      <SelectField
                        id={`reason-${n}`}
                        label={t('agencies.disclosure.reason')}
                        compact
                        value={item.reason ?? 'other'}
                        onChange={(e) =>
                          choices.edit(item.key, { withhold: true, reason: e.target.value as WithholdReason })
                        }
                        options={WITHHOLD_REASONS.map((r) => ({
                          value: r,
                          label: t(`agencies.disclosure.reasons.${r}`),
                        }))}
                      />
                    )}
                  </div>
                ) : (
                  item.withhold && (
                    <p className="text-std-16B-170">
                      {t('agencies.disclosure.withhold')}：
                      {t(`agencies.disclosure.reasons.${item.reason ?? 'other'}`)}
                    </p>
                  )
                )}
                {draft && item.withhold && item.reason && (
                  <p className="text-dns-14N-130">{t(`agencies.disclosure.reasons.${item.reason}`)}</p>
                )}
              </li>
            ))}
          </ol>
          <div className="flex flex-wrap gap-3">
            {draft && (
              <>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => save.mutate()}
                  disabled={save.isPending}
                >
                  {t('agencies.disclosure.save')}
                </button>
                <button
                  type="button"
                  className={primaryButtonClass}
                  onClick={() => approve.mutate()}
                  disabled={approve.isPending}
                >
                  {t('agencies.disclosure.approve')}
                </button>
              </>
            )}
            {!draft && (
              <Link to="/console/rights/disclosures/$id/print" params={{ id }} className={primaryButtonClass}>
                {t('agencies.disclosure.print')}
              </Link>
            )}
          </div>
          <LiveStatus message={done} />
        </>
      )}
    </>
  );
}

/** `/console/rights/disclosures/{id}/print`: the approved document, printable, and as JSON. */
export function DisclosurePrintPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const doc = useQuery(disclosureDocumentQuery(id));
  const [jsonUrl, setJsonUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!doc.data) return;
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(doc.data, null, 2)], { type: 'application/json' }),
    );
    setJsonUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [doc.data]);
  const d = doc.data;
  return (
    <>
      <div className="flex flex-wrap gap-4 print:hidden">
        <Link
          to="/console/rights/disclosures/$id"
          params={{ id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('agencies.document.back')}
        </Link>
        <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
          {t('agencies.document.print')}
        </button>
        {jsonUrl && (
          <a href={jsonUrl} download={`disclosure-${id}.json`} className={secondaryButtonClass}>
            {t('agencies.document.json')}
          </a>
        )}
      </div>
      <PageHeading title={d?.title ?? t('agencies.disclosure.title')}>
        {d?.title ?? t('agencies.disclosure.title')}
      </PageHeading>
      {doc.isError && (
        <Notice tone="error">
          <p>{problemMessage(doc.error)}</p>
        </Notice>
      )}
      {d && (
        <article className="flex max-w-3xl flex-col gap-4 text-std-16N-170">
          <p>
            {d.municipalityName} ／ {d.nickname}
          </p>
          <p>{t('agencies.document.received', { date: formatStaffDay(d.receivedOn, i18n.language) })}</p>
          <p>{t('agencies.document.approvedOn', { date: formatStaffDay(d.approvedOn, i18n.language) })}</p>
          <section aria-labelledby="doc-released">
            <h2 id="doc-released" className="text-std-20B-150">
              {t('agencies.document.released')}
            </h2>
            <ol className="list-decimal pl-6">
              {d.released.map((r, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: document rows in order.
                <li key={n} className="break-inside-avoid py-1">
                  <p className="font-bold">
                    {kindLabel(t, r.kind)}
                    {r.at && `（${formatStaffInstant(r.at, i18n.language)}）`}
                  </p>
                  <pre className="whitespace-pre-wrap break-all text-dns-14N-130">
                    {JSON.stringify(r.content, null, 1)}
                  </pre>
                </li>
              ))}
            </ol>
          </section>
          <section aria-labelledby="doc-withheld">
            <h2 id="doc-withheld" className="text-std-20B-150">
              {t('agencies.document.withheld')}
            </h2>
            <ul className="list-disc pl-6">
              {d.withheld.map((w, n) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: document rows in order.
                <li key={n}>
                  {kindLabel(t, w.kind)}
                  {w.at && `（${formatStaffInstant(w.at, i18n.language)}）`}：
                  {t(`agencies.disclosure.reasons.${w.reason}`)}
                </li>
              ))}
            </ul>
          </section>
          {d.notes.map((note) => (
            <p key={note}>{note}</p>
          ))}
        </article>
      )}
    </>
  );
}
