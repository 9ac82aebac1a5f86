import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasPermission, type Permission } from '../../../../shared/permissions.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  linkClass,
  monoClass,
  primaryButtonClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  type ApplicationDetail,
  applicationQuery,
  type DecisionKind,
  decide,
  IDENTITY_DOCUMENTS,
  RESIDENCY_METHODS,
  recordCheck,
  reveal,
  yen,
} from '../api.ts';
import { ClaimsSection, useRefresh } from './DetailClaims.tsx';

/** The choices the check's two selects offer (the contract's lists). */
type IdentityDocument = (typeof IDENTITY_DOCUMENTS)[number];
type ResidencyMethod = (typeof RESIDENCY_METHODS)[number];

/**
 * `/console/subsidies/applications/{id}`: one application, in the order the work is done: who and
 * what → identity and residency check → decision (with its printable notice) → monthly claims and
 * the confirmation of each amount. Contact and bank account are masked unless the account may see
 * them; showing them is recorded in the audit log.
 */
export function DetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const query = useQuery(applicationQuery(id));
  const me = useQuery(meQuery());
  const [status, setStatus] = useState<string | null>(null);
  const roles = me.data?.account.roles.map((r) => r.role) ?? [];
  const can = (p: Permission) => hasPermission(roles, p);
  const a = query.data;
  const title = a
    ? t('subsidies.console.detailTitle', { number: a.receiptNumber })
    : t('subsidies.console.queueTitle');
  if (query.isError)
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Notice tone="error">
          <p>{problemMessage(query.error)}</p>
        </Notice>
      </>
    );
  if (!a) return <p>{t('common.loading')}</p>;
  const lang = i18n.language;
  return (
    <>
      <p>
        <Link to="/console/subsidies" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('subsidies.console.queueTitle')}
        </Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="text-std-17B-170" data-testid="application-status">
        {t(`subsidies.statuses.${a.status}`)}
      </p>
      <LiveStatus message={status} />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="s-applicant" className={cardClass}>
          <h2 id="s-applicant" className="text-std-20B-150">
            {t('subsidies.console.applicant')}
          </h2>
          <Facts
            rows={[
              [t('subsidies.console.applicant'), `${a.applicant.name}（${a.applicant.nameKana}）`],
              [t('subsidies.console.relation'), t(`subsidies.apply.relations.${a.relation}`)],
              ...(a.person
                ? [
                    [t('subsidies.console.person'), `${a.person.name}（${a.person.nameKana}）`] as [
                      string,
                      ReactNode,
                    ],
                  ]
                : []),
              [
                t('subsidies.console.contact'),
                <Contact key="c" application={a} canReveal={can('subsidies.review')} />,
              ],
            ]}
          />
        </section>
        <section aria-labelledby="s-trip" className={cardClass}>
          <h2 id="s-trip" className="text-std-20B-150">
            {t('subsidies.console.trip')}
          </h2>
          <Facts
            rows={[
              [t('subsidies.console.destination'), a.destination.name],
              [
                t('subsidies.console.route'),
                <span className="whitespace-pre-wrap" key="r">
                  {a.route}
                </span>,
              ],
              [
                t('subsidies.apply.mode'),
                a.legs
                  .map((l) =>
                    l.mode === 'public_transport'
                      ? `${t(`subsidies.apply.modes.${l.mode}`)} ${yen(l.fareYen ?? 0, lang)}`
                      : `${t(`subsidies.apply.modes.${l.mode}`)} ${l.distanceKm} km`,
                  )
                  .join('、'),
              ],
              [
                t('subsidies.console.requested'),
                `${t('subsidies.console.perTrip', { yen: yen(a.tripYen, lang) })} × ${t('subsidies.console.tripsPerMonth', { n: a.tripsPerMonth })} → ${yen(a.requestedMonthlyYen, lang)}`,
              ],
            ]}
          />
        </section>
        <section aria-labelledby="s-bank" className={cardClass}>
          <h2 id="s-bank" className="text-std-20B-150">
            {t('subsidies.console.bank')}
          </h2>
          <Bank application={a} canReveal={can('subsidies.bank')} />
        </section>
        <section aria-labelledby="s-receipts" className={cardClass}>
          <h2 id="s-receipts" className="text-std-20B-150">
            {t('subsidies.console.receipts')}
          </h2>
          {a.receipts.length === 0 ? (
            <p>—</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {a.receipts.map((r, i) => (
                <li key={r.id}>
                  <a
                    href={`/api/subsidies/applications/${a.id}/receipts/${r.id}`}
                    target="_blank"
                    rel="noreferrer"
                    className={`${linkClass} inline-flex min-h-11 items-center`}
                  >
                    {t('subsidies.console.receiptLink', { n: i + 1, type: r.contentType })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <CheckSection application={a} canEdit={can('subsidies.review')} onDone={setStatus} />
      <DecisionSection application={a} canEdit={can('subsidies.decide')} onDone={setStatus} />
      {a.status === 'approved' && (
        <ClaimsSection
          application={a}
          canEnter={can('subsidies.review')}
          canConfirm={can('subsidies.confirm')}
          onDone={setStatus}
        />
      )}
    </>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-dns-16N-130 sm:grid-cols-[10rem_1fr]">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-bold">{k}</dt>
          <dd className="mb-2 min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Contact({ application: a, canReveal }: { application: ApplicationDetail; canReveal: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<ApplicationDetail['contact'] | null>(null);
  const c = shown ?? a.contact;
  return (
    <span className="flex flex-col gap-1">
      <span>{[c.phone, c.email, c.address].filter(Boolean).join(' ／ ') || '—'}</span>
      {a.contact.masked && !shown && canReveal && (
        <button
          type="button"
          className={compactButtonClass}
          onClick={async () => setShown({ ...(await reveal(a.id, 'contact')).contact!, masked: false })}
        >
          {t('subsidies.console.reveal')}
        </button>
      )}
    </span>
  );
}

function Bank({ application: a, canReveal }: { application: ApplicationDetail; canReveal: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ accountNumber: string; holderKana: string } | null>(null);
  const b = a.bank;
  return (
    <>
      <Facts
        rows={[
          [t('subsidies.console.bank'), `${b.bankName}（${b.bankCode}） ${b.branchName}（${b.branchCode}）`],
          [t('subsidies.apply.accountType'), t(`subsidies.apply.accountTypes.${b.accountType}`)],
          [
            t('subsidies.apply.accountNumber'),
            <span className={monoClass} key="n">
              {shown?.accountNumber ?? b.accountNumber}
            </span>,
          ],
          [
            t('subsidies.apply.holder'),
            <span className={monoClass} key="h">
              {shown?.holderKana ?? b.holderKana}
            </span>,
          ],
        ]}
      />
      {b.masked && !shown && canReveal && (
        <div>
          <button
            type="button"
            className={compactButtonClass}
            onClick={async () => setShown((await reveal(a.id, 'bank')).bank!)}
          >
            {t('subsidies.console.reveal')}
          </button>
        </div>
      )}
    </>
  );
}

function CheckSection({
  application: a,
  canEdit,
  onDone,
}: {
  application: ApplicationDetail;
  canEdit: boolean;
  onDone: (s: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(a.id);
  const [doc, setDoc] = useState<IdentityDocument>(a.check?.identityDocument ?? 'my_number_card');
  const [method, setMethod] = useState<ResidencyMethod>(a.check?.residencyMethod ?? 'resident_register');
  const [note, setNote] = useState(a.check?.note ?? '');
  const open = canEdit && (a.status === 'submitted' || a.status === 'checked');
  // The page's live region tells of the success (onDone).
  const form = useMutationForm({
    mutationFn: () =>
      recordCheck(a.id, {
        version: a.version,
        identityDocument: doc,
        residencyMethod: method,
        ...(note ? { note } : {}),
      }),
    onSuccess: async () => {
      await refresh();
      onDone(t('subsidies.console.checked'));
    },
  });
  return (
    <section aria-labelledby="s-check" className={cardClass}>
      <h2 id="s-check" className="text-std-20B-150">
        {t('subsidies.console.check')}
      </h2>
      {a.check && (
        <p className="text-dns-16N-130" data-testid="check-record">
          {t(`subsidies.console.identityDocuments.${a.check.identityDocument}`)}・
          {t(`subsidies.console.residencyMethods.${a.check.residencyMethod}`)} —{' '}
          {t('subsidies.console.checkedBy', {
            name: a.check.checkedByName ?? '—',
            at: formatStaffInstant(a.check.checkedAt, i18n.language),
          })}
        </p>
      )}
      {open && (
        <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
          <FormProblem error={form.mutation.error} idPrefix="check" focusKey={form.focusKey} />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField
              id="check-identityDocument"
              compact
              label={t('subsidies.console.identityDocument')}
              value={doc}
              onChange={(e) => setDoc(e.target.value as IdentityDocument)}
              options={IDENTITY_DOCUMENTS.map((d) => ({
                value: d,
                label: t(`subsidies.console.identityDocuments.${d}`),
              }))}
            />
            <SelectField
              id="check-residencyMethod"
              compact
              label={t('subsidies.console.residencyMethod')}
              value={method}
              onChange={(e) => setMethod(e.target.value as ResidencyMethod)}
              options={RESIDENCY_METHODS.map((d) => ({
                value: d,
                label: t(`subsidies.console.residencyMethods.${d}`),
              }))}
            />
          </div>
          <TextAreaField
            id="check-note"
            compact
            label={t('subsidies.console.note')}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <div>
            <button type="submit" className={primaryButtonClass}>
              {t('subsidies.console.recordCheck')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DecisionSection({
  application: a,
  canEdit,
  onDone,
}: {
  application: ApplicationDetail;
  canEdit: boolean;
  onDone: (s: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(a.id);
  const [kind, setKind] = useState<DecisionKind>('approve');
  const [granted, setGranted] = useState('');
  const [reasons, setReasons] = useState('');
  const d = a.decision;
  // The page's live region tells of the success (onDone).
  const form = useMutationForm({
    mutationFn: () =>
      decide(a.id, {
        version: a.version,
        decision: kind,
        ...(kind === 'approve_reduced'
          ? { grantedMonthlyYen: Number(granted.normalize('NFKC').replace(/[,円\s]/g, '')) }
          : {}),
        ...(reasons ? { reasons } : {}),
      }),
    onSuccess: async () => {
      await refresh();
      onDone(t('subsidies.console.decided'));
    },
  });
  if (!d && !(canEdit && a.status === 'checked')) return null;
  return (
    <section aria-labelledby="s-decision" className={cardClass}>
      <h2 id="s-decision" className="text-std-20B-150">
        {t('subsidies.console.decision')}
      </h2>
      {d ? (
        <>
          <p className="text-dns-16N-130" data-testid="decision-record">
            {t(`subsidies.console.decisions.${d.decision}`)}
            {d.grantedMonthlyYen !== null && `: ${yen(d.grantedMonthlyYen, i18n.language)}`} —{' '}
            {t('subsidies.console.decidedBy', {
              name: d.decidedByName ?? '—',
              on: formatStaffDay(d.decidedOn, i18n.language),
              number: d.documentNumber,
            })}
          </p>
          {d.reasons && <p className="whitespace-pre-wrap text-dns-16N-130">{d.reasons}</p>}
          <p>
            <Link
              to="/console/subsidies/applications/$id/notice"
              params={{ id: a.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              {t('subsidies.console.printNotice')}
            </Link>
          </p>
        </>
      ) : (
        <form noValidate onSubmit={form.submit} className="flex flex-col gap-4">
          <FormProblem error={form.mutation.error} idPrefix="decision" focusKey={form.focusKey} />
          <SelectField
            id="decision-decision"
            compact
            label={t('subsidies.console.decisionKind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as DecisionKind)}
            options={(['approve', 'approve_reduced', 'reject'] as const).map((k) => ({
              value: k,
              label: t(`subsidies.console.decisions.${k}`),
            }))}
          />
          {kind === 'approve_reduced' && (
            <TextField
              id="decision-grantedMonthlyYen"
              label={t('subsidies.console.grantedMonthly')}
              inputMode="numeric"
              value={granted}
              onChange={(e) => setGranted(e.target.value)}
            />
          )}
          {kind !== 'approve' && (
            <TextAreaField
              id="decision-reasons"
              compact
              label={t('subsidies.console.reasons')}
              rows={3}
              value={reasons}
              onChange={(e) => setReasons(e.target.value)}
            />
          )}
          <div>
            <button type="submit" className={primaryButtonClass}>
              {t('subsidies.console.decide')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
