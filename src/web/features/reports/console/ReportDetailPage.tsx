import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralTarget, ReportDetail } from '../../../../shared/contracts/reports.ts';
import { STATUS_TRANSITIONS } from '../../../../shared/contracts/reports-enums.ts';
import { hasPermission } from '../../../../shared/permissions.ts';
import { isApiError } from '../../../api/client.ts';
import { meQuery } from '../../../api/me.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffDay, formatStaffInstant } from '../../../ui/datetime.ts';
import { RadioGroup, TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import {
  cardClass,
  compactButtonClass,
  compactDangerButtonClass,
  linkClass,
  monoClass,
} from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  addNote,
  addReferral,
  assignReport,
  completeFollowUp,
  createOperator,
  linkOperator,
  operatorSuggestionsQuery,
  reportQuery,
  setReportStatus,
  unlinkOperator,
} from '../api.ts';
import { StatusBadge, UrgentBadge } from './badges.tsx';
import { ProtectionForm } from './ProtectionForm.tsx';

/**
 * `/console/reports/$id`: one report in full (its texts and the reporter's contact are read here, and
 * the read is audited), with triage actions: status, assignment, notes and replies, referral to the
 * consumer centre (188) or police, emergency protection, and confirming the operator.
 */
export function ReportDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const report = useQuery(reportQuery(id));
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);

  const back = (
    <p>
      <Link to="/console/reports" className={`${linkClass} inline-flex min-h-11 items-center`}>
        {t('reports.detail.back')}
      </Link>
    </p>
  );
  if (report.isPending || report.isError) {
    const missing = isApiError(report.error, 404) || isApiError(report.error, 400);
    const title = missing ? t('reports.detail.notFound') : t('reports.detail.title');
    return (
      <>
        {back}
        <PageHeading title={title}>{title}</PageHeading>
        {report.isPending ? (
          <p>{t('common.loading')}</p>
        ) : (
          <Notice tone="error">
            <p>{missing ? t('reports.detail.notFoundBody') : problemMessage(report.error)}</p>
          </Notice>
        )}
      </>
    );
  }
  const r = report.data;
  const refresh = async (message: string) => {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ['reports'] });
    await queryClient.invalidateQueries({ queryKey: ['operators'] });
  };
  const title = t('reports.detail.heading', { number: r.receiptNumber });

  return (
    <>
      {back}
      <div className="flex flex-wrap items-center gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        {r.urgent && <UrgentBadge />}
        <StatusBadge status={r.status} />
      </div>
      <LiveStatus message={status} />
      <Actions report={r} onDone={refresh} />
      <Content report={r} />
      <Protections report={r} onDone={refresh} />
      <OperatorSection report={r} onDone={refresh} />
      <Referrals report={r} onDone={refresh} />
      <Notes report={r} onDone={refresh} />
    </>
  );
}

type SectionProps = { report: ReportDetail; onDone: (message: string) => Promise<void> };

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={cardClass}>
      <h2 id={id} className="text-std-20B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[12rem_1fr]">
      <dt className="text-dns-16B-130 text-solid-gray-800">{term}</dt>
      <dd className="text-dns-16N-130 whitespace-pre-wrap">{children}</dd>
    </div>
  );
}

function Actions({ report: r, onDone }: SectionProps) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const me = useQuery(meQuery());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await onDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const myId = me.data?.account.id;
  return (
    <Card id="report-actions" title={t('reports.detail.actions')}>
      <dl className="flex flex-col gap-2">
        <Row term={t('reports.detail.receivedAt')}>
          <FormattedDateTime value={r.receivedAt} />
        </Row>
        <Row term={t('reports.detail.assignee')}>
          {r.assignee?.displayName ?? t('reports.detail.unassigned')}
        </Row>
      </dl>
      {error ? (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {STATUS_TRANSITIONS[r.status].map((next) => (
          <button
            key={next}
            type="button"
            className={compactButtonClass}
            disabled={busy}
            onClick={() =>
              void run(
                () => setReportStatus(r.id, next),
                t('reports.detail.statusChanged', { status: t(`reports.statuses.${next}`) }),
              )
            }
          >
            {t('reports.detail.setStatus', { status: t(`reports.statuses.${next}`) })}
          </button>
        ))}
        {myId && r.assigneeAccountId !== myId && (
          <button
            type="button"
            className={compactButtonClass}
            disabled={busy}
            onClick={() => void run(() => assignReport(r.id, myId), t('reports.detail.assignedToMe'))}
          >
            {t('reports.detail.assignToMe')}
          </button>
        )}
        {r.assigneeAccountId && (
          <button
            type="button"
            className={compactButtonClass}
            disabled={busy}
            onClick={() => void run(() => assignReport(r.id, null), t('reports.detail.unassignedDone'))}
          >
            {t('reports.detail.unassign')}
          </button>
        )}
      </div>
    </Card>
  );
}

function FormattedDateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={value}>{formatStaffInstant(value, i18n.language)}</time>;
}

function Content({ report: r }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const none = t('reports.detail.none');
  const yen = (n: number | null) =>
    n === null ? none : t('reports.detail.yen', { amount: n.toLocaleString('ja-JP') });
  return (
    <>
      <Card id="report-content" title={t('reports.detail.content')}>
        <dl className="flex flex-col gap-2">
          <Row term={t('reports.detail.danger')}>{t(`reports.danger.${r.danger}`)}</Row>
          <Row term={t('reports.detail.reporterRole')}>{t(`reports.reporterRoles.${r.reporterRole}`)}</Row>
          <Row term={t('reports.detail.categories')}>
            {r.categories.map((c) => t(`reports.categories.${c}`)).join('、')}
            {r.otherCategory && <span lang="ja">{`（${r.otherCategory}）`}</span>}
          </Row>
          <Row term={t('reports.detail.when')}>
            {[
              r.occurredOn ? formatStaffDay(`${r.occurredOn}T12:00:00+09:00`, i18n.language) : null,
              r.occurredPeriod,
            ]
              .filter(Boolean)
              .join(' / ') || none}
          </Row>
          <Row term={t('reports.detail.place')}>
            <span lang="ja">{r.place ?? none}</span>
          </Row>
          <Row term={t('reports.detail.text')}>
            <span lang="ja">{r.text ?? none}</span>
          </Row>
        </dl>
      </Card>
      <Card id="report-contract" title={t('reports.detail.contract')}>
        <dl className="flex flex-col gap-2">
          <Row term={t('reports.detail.signer')}>{r.signer ? t(`reports.signers.${r.signer}`) : none}</Row>
          <Row term={t('reports.detail.signedOn')}>
            {r.signedOn ? formatStaffDay(`${r.signedOn}T12:00:00+09:00`, i18n.language) : none}
          </Row>
          <Row term={t('reports.detail.salesMethod')}>
            {r.salesMethod ? t(`reports.salesMethods.${r.salesMethod}`) : none}
          </Row>
          <Row term={t('reports.detail.amountContracted')}>{yen(r.amountContracted)}</Row>
          <Row term={t('reports.detail.amountPaid')}>{yen(r.amountPaid)}</Row>
        </dl>
        <p>
          <Link to="/reports/contract-help" className={`${linkClass} inline-flex min-h-11 items-center`}>
            {t('reports.detail.contractHelp')}
          </Link>
        </p>
      </Card>
      <Card id="report-contact" title={t('reports.detail.contact')}>
        {r.contact ? (
          <dl className="flex flex-col gap-2">
            <Row term={t('reports.form.contactName')}>
              <span lang="ja">{r.contact.name ?? none}</span>
            </Row>
            <Row term={t('reports.form.contactPhone')}>{r.contact.phone ?? none}</Row>
            <Row term={t('reports.form.contactEmail')}>{r.contact.email ?? none}</Row>
            <Row term={t('reports.form.contactNote')}>
              <span lang="ja">{r.contact.note ?? none}</span>
            </Row>
          </dl>
        ) : (
          <p className="text-dns-16N-130">{t('reports.detail.anonymous')}</p>
        )}
      </Card>
    </>
  );
}

function Protections({ report: r, onDone }: SectionProps) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const [error, setError] = useState<unknown>(null);
  return (
    <Card id="report-protection" title={t('reports.protection.heading')}>
      <p className="text-dns-16N-130">{t('reports.protection.lead')}</p>
      {r.protectionRecords.length > 0 && (
        <ul className="flex flex-col gap-3">
          {r.protectionRecords.map((p) => (
            <li key={p.id} className="rounded-6 border border-solid-gray-420 p-3">
              <dl className="flex flex-col gap-1">
                <Row term={t('reports.protection.protectedAt')}>
                  <FormattedDateTime value={p.protectedAt} />
                </Row>
                <Row term={t('reports.protection.place')}>
                  <span lang="ja">{p.place}</span>
                </Row>
                <Row term={t('reports.protection.protectedBy')}>
                  <span lang="ja">{p.protectedBy}</span>
                </Row>
                {p.note && (
                  <Row term={t('reports.protection.note')}>
                    <span lang="ja">{p.note}</span>
                  </Row>
                )}
                <Row term={t('reports.protection.followUpOn')}>
                  {formatStaffDay(`${p.followUpOn}T12:00:00+09:00`, i18n.language)}
                  {p.followUpDoneAt
                    ? ` — ${t('reports.protection.followUpDone', { at: formatStaffInstant(p.followUpDoneAt, i18n.language) })}`
                    : ''}
                </Row>
              </dl>
              {!p.followUpDoneAt && (
                <button
                  type="button"
                  className={`${compactButtonClass} mt-2`}
                  onClick={async () => {
                    try {
                      await completeFollowUp(r.id, p.id);
                      await onDone(t('reports.protection.followUpSaved'));
                    } catch (e) {
                      setError(e);
                    }
                  }}
                >
                  {t('reports.protection.completeFollowUp')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      ) : null}
      <details
        className="rounded-6 border border-solid-gray-420 p-3"
        open={r.urgent && r.protectionRecords.length === 0}
      >
        <summary className="min-h-11 cursor-pointer content-center text-dns-16B-130 text-blue-1000 underline">
          {t('reports.protection.add')}
        </summary>
        <div className="pt-3">
          <ProtectionForm reportId={r.id} onSaved={() => void onDone(t('reports.protection.saved'))} />
        </div>
      </details>
    </Card>
  );
}

function OperatorSection({ report: r, onDone }: SectionProps) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const me = useQuery(meQuery());
  const canManage = hasPermission(
    (me.data?.account.roles ?? []).map((a) => a.role),
    'operators.manage',
  );
  const suggestions = useQuery({ ...operatorSuggestionsQuery(r.id), enabled: canManage && !r.operator });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await onDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const none = t('reports.detail.none');
  return (
    <Card id="report-operator" title={t('reports.operator.heading')}>
      <dl className="flex flex-col gap-2">
        <Row term={t('reports.form.businessName')}>
          <span lang="ja">{r.business.name ?? none}</span>
        </Row>
        <Row term={t('reports.form.corporateNumber')}>
          <span className={monoClass}>{r.business.corporateNumber ?? none}</span>
        </Row>
        <Row term={t('reports.form.businessPhone')}>{r.business.phone ?? none}</Row>
        <Row term={t('reports.form.website')}>{r.business.website ?? none}</Row>
        <Row term={t('reports.form.address')}>
          <span lang="ja">{r.business.address ?? none}</span>
        </Row>
      </dl>
      {error ? (
        <Notice tone="error">
          <p>{problemMessage(error)}</p>
        </Notice>
      ) : null}
      {r.operator ? (
        <div className="flex flex-col gap-2">
          <p className="text-dns-16N-130">
            {t('reports.operator.linked')}{' '}
            <Link
              to="/console/operators/$id"
              params={{ id: r.operator.id }}
              className={`${linkClass} inline-flex min-h-11 items-center`}
            >
              <span lang="ja">{r.operator.displayName}</span>
            </Link>
          </p>
          {canManage && (
            <div>
              <button
                type="button"
                className={compactDangerButtonClass}
                disabled={busy}
                onClick={() => void run(() => unlinkOperator(r.id), t('reports.operator.unlinked'))}
              >
                {t('reports.operator.unlink')}
              </button>
            </div>
          )}
        </div>
      ) : canManage ? (
        <>
          <h3 className="text-dns-16B-130">{t('reports.operator.suggestions')}</h3>
          {suggestions.isPending ? (
            <p>{t('common.loading')}</p>
          ) : suggestions.isError ? (
            <p>{problemMessage(suggestions.error)}</p>
          ) : suggestions.data.items.length === 0 ? (
            <p className="text-dns-16N-130">{t('reports.operator.noSuggestions')}</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {suggestions.data.items.map((s) => (
                <li
                  key={s.id}
                  className="flex flex-wrap items-center gap-3 rounded-6 border border-solid-gray-420 p-3"
                >
                  <span className="flex flex-col">
                    <span lang="ja" className="text-dns-16B-130">
                      {s.displayName}
                    </span>
                    <span className="text-dns-14N-130 text-solid-gray-700">
                      {s.corporateNumber && `${t('reports.form.corporateNumber')}: ${s.corporateNumber} / `}
                      {t('reports.operator.matchedBy', {
                        reasons: s.reasons.map((x) => t(`reports.operator.reasons.${x}`)).join('・'),
                      })}
                    </span>
                  </span>
                  <button
                    type="button"
                    className={compactButtonClass}
                    disabled={busy}
                    onClick={() => void run(() => linkOperator(r.id, s.id), t('reports.operator.linkedDone'))}
                  >
                    {t('reports.operator.confirm', { name: s.displayName })}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <NewOperator report={r} onCreated={(message) => onDone(message)} />
        </>
      ) : (
        <p className="text-dns-16N-130">{t('reports.operator.notLinked')}</p>
      )}
    </Card>
  );
}

function NewOperator({
  report: r,
  onCreated,
}: {
  report: ReportDetail;
  onCreated: (message: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(r.business.name ?? '');
  // The page's live region tells of the success (onCreated).
  const form = useMutationForm({
    mutationFn: () =>
      createOperator({
        displayName: name,
        ...(r.business.corporateNumber ? { corporateNumber: r.business.corporateNumber } : {}),
        ...(r.business.phone ? { phone: r.business.phone } : {}),
        ...(r.business.website ? { website: r.business.website } : {}),
        reportId: r.id,
      }),
    onSuccess: () => onCreated(t('reports.operator.created')),
  });
  return (
    <details className="rounded-6 border border-solid-gray-420 p-3">
      <summary className="min-h-11 cursor-pointer content-center text-dns-16B-130 text-blue-1000 underline">
        {t('reports.operator.createHeading')}
      </summary>
      <form noValidate onSubmit={form.submit} className="flex flex-col gap-3 pt-3">
        <p className="text-dns-16N-130">{t('reports.operator.createLead')}</p>
        <FormProblem error={form.mutation.error} idPrefix="operator" focusKey={form.focusKey} />
        <TextField
          id="operator-displayName"
          label={t('reports.operator.displayName')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div>
          <button
            type="submit"
            className={compactButtonClass}
            disabled={form.mutation.isPending || !name.trim()}
          >
            {t('reports.operator.create')}
          </button>
        </div>
      </form>
    </details>
  );
}

function Referrals({ report: r, onDone }: SectionProps) {
  const { t, i18n } = useTranslation();
  const [target, setTarget] = useState<ReferralTarget>('consumer_centre');
  const [organisation, setOrganisation] = useState('');
  const [referredOn, setReferredOn] = useState('');
  const [note, setNote] = useState('');
  // The page's live region tells of the success (onDone).
  const form = useMutationForm({
    validate: (): Record<string, string> =>
      referredOn ? {} : { referredOn: t('reports.referral.errors.referredOn') },
    mutationFn: () =>
      addReferral(r.id, { target, organisation, referredOn, ...(note.trim() ? { note } : {}) }),
    onSuccess: () => {
      setOrganisation('');
      setReferredOn('');
      setNote('');
      return onDone(t('reports.referral.saved'));
    },
  });
  return (
    <Card id="report-referrals" title={t('reports.referral.heading')}>
      <p className="text-dns-16N-130">{t('reports.referral.lead')}</p>
      {r.referrals.length > 0 && (
        <ul className="flex flex-col gap-2">
          {r.referrals.map((x) => (
            <li key={x.id} className="rounded-6 border border-solid-gray-420 p-3 text-dns-16N-130">
              {formatStaffDay(`${x.referredOn}T12:00:00+09:00`, i18n.language)} —{' '}
              {t(`reports.referralTargets.${x.target}`)}
              {x.organisation && <span lang="ja">{`（${x.organisation}）`}</span>}
              {x.note && (
                <span lang="ja" className="block whitespace-pre-wrap">
                  {x.note}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={form.submit}
        className="flex flex-col gap-3"
        aria-label={t('reports.referral.formLabel')}
      >
        <FormProblem
          error={form.mutation.error}
          local={form.local}
          idPrefix="referral"
          focusKey={form.focusKey}
        />
        <div className="grid gap-3 md:grid-cols-3">
          <SelectField
            id="referral-target"
            compact
            label={t('reports.referral.target')}
            value={target}
            onChange={(e) => setTarget(e.target.value as ReferralTarget)}
            options={(['consumer_centre', 'police', 'other'] as const).map((v) => ({
              value: v,
              label: t(`reports.referralTargets.${v}`),
            }))}
          />
          <TextField
            id="referral-organisation"
            label={t('reports.referral.organisation')}
            maxLength={200}
            value={organisation}
            onChange={(e) => setOrganisation(e.target.value)}
          />
          <TextField
            id="referral-referredOn"
            type="date"
            label={t('reports.referral.referredOn')}
            required
            error={form.local.referredOn}
            value={referredOn}
            onChange={(e) => setReferredOn(e.target.value)}
          />
        </div>
        <TextAreaField
          id="referral-note"
          compact
          label={t('reports.referral.note')}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div>
          <button type="submit" className={compactButtonClass} disabled={form.mutation.isPending}>
            {t('reports.referral.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function Notes({ report: r, onDone }: SectionProps) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<'internal' | 'reply'>('internal');
  const [text, setText] = useState('');
  // The page's live region tells of the success (onDone).
  const form = useMutationForm({
    validate: (): Record<string, string> => (text.trim() ? {} : { text: t('reports.notes.errors.text') }),
    mutationFn: () => addNote(r.id, { kind, text }),
    onSuccess: () => {
      setText('');
      return onDone(kind === 'reply' ? t('reports.notes.replied') : t('reports.notes.saved'));
    },
  });
  return (
    <Card id="report-notes" title={t('reports.notes.heading')}>
      {r.notes.length === 0 ? (
        <p className="text-dns-16N-130">{t('reports.notes.none')}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {r.notes.map((n) => (
            <li key={n.id} className="rounded-6 border border-solid-gray-420 p-3">
              <p className="text-dns-14B-120 text-solid-gray-800">
                {t(`reports.notes.kinds.${n.kind}`)} — {formatStaffInstant(n.createdAt, i18n.language)}
              </p>
              <p lang="ja" className="text-dns-16N-130 whitespace-pre-wrap">
                {n.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form
        noValidate
        onSubmit={form.submit}
        className="flex flex-col gap-3"
        aria-label={t('reports.notes.formLabel')}
      >
        <FormProblem
          error={form.mutation.error}
          local={form.local}
          idPrefix="note"
          focusKey={form.focusKey}
        />
        <RadioGroup
          id="note-kind"
          compact
          legend={t('reports.notes.kind')}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'internal', label: t('reports.notes.kinds.internal') },
            { value: 'reply', label: t('reports.notes.kinds.reply'), hint: t('reports.notes.replyHint') },
          ]}
        />
        <TextAreaField
          id="note-text"
          compact
          label={t('reports.notes.text')}
          error={form.local.text}
          maxLength={4000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div>
          <button type="submit" className={compactButtonClass} disabled={form.mutation.isPending}>
            {kind === 'reply' ? t('reports.notes.sendReply') : t('reports.notes.save')}
          </button>
        </div>
      </form>
    </Card>
  );
}
