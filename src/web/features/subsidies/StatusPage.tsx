import './i18n.ts';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { formatDate } from '../../ui/datetime.ts';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useReplyCodeLookup } from '../../ui/ReplyCodeForm.tsx';
import { cardClass, primaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { readStatus } from './api.ts';
import { SubsidySteps } from './SubsidySteps.tsx';

/**
 * `/subsidies/status`: the applicant's view by receipt number — the status and its dates, nothing
 * else. The number is sent in a POST body (never in the address).
 */
export function StatusPage() {
  const { t, i18n } = useTranslation();
  const lookup = useReplyCodeLookup({
    field: 'receiptNumber',
    requiredMessage: t('subsidies.status.numberRequired'),
    read: readStatus,
  });
  const { view } = lookup;
  const { error, local, focusKey, busy } = lookup.form;
  const title = t('subsidies.status.title');
  const notFound = isApiError(error, 404) ? t('subsidies.status.notFound') : undefined;

  const date = (v: string | null) => (v ? formatDate(v, i18n.language) : '—');
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">{t('subsidies.status.lead')}</p>
      </div>
      <form noValidate onSubmit={lookup.form.onSubmit} className="flex flex-col gap-5">
        <FormProblem
          error={notFound ? null : error}
          local={notFound ? { receiptNumber: notFound } : local}
          idPrefix="status"
          focusKey={focusKey}
        />
        <TextField
          id="status-receiptNumber"
          label={t('subsidies.status.number')}
          hint={t('subsidies.status.numberHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          value={lookup.code}
          error={notFound ?? local.receiptNumber}
          onChange={(e) => lookup.form.onCodeChange(e.target.value)}
        />
        <div>
          <button type="submit" className={primaryButtonClass} disabled={busy}>
            {busy ? t('common.loading') : t('subsidies.status.submit')}
          </button>
        </div>
      </form>
      {view && (
        <section aria-labelledby="status-result" className={cardClass}>
          <h2 id="status-result" className="text-std-20B-150">
            {t('subsidies.status.current')}:{' '}
            <span data-testid="status-value">{t(`subsidies.statuses.${view.status}`)}</span>
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-std-16N-170">
            <dt>{t('subsidies.status.submittedAt')}</dt>
            <dd>{date(view.submittedAt)}</dd>
            <dt>{t('subsidies.status.checkedAt')}</dt>
            <dd>{date(view.checkedAt)}</dd>
            <dt>{t('subsidies.status.decidedOn')}</dt>
            <dd>{date(view.decidedOn)}</dd>
          </dl>
          <SubsidySteps status={view.status} />
          {view.claims.length > 0 && (
            <>
              <h3 className="text-std-17B-170">{t('subsidies.status.claims')}</h3>
              <ul className="list-disc pl-6">
                {view.claims.map((c) => (
                  <li key={c.tripMonth}>
                    {t('subsidies.status.claimMonth', { month: c.tripMonth })}:{' '}
                    {t(`subsidies.claimStatuses.${c.status}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
