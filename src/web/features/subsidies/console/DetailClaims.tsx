import '../i18n.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reiwaFiscalYearLabel } from '../../../../shared/fiscal-year.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { cardClass, compactButtonClass, compactInputClass, primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { type ApplicationDetail, addClaim, type Claim, confirmClaim, rejectClaim, yen } from '../api.ts';

/**
 * The claims part of an application's page (実績報告 and 額の確定): entering a month's trips and, for
 * finance, confirming or refusing each claim. Split from DetailPage.tsx, which shows it under the decision.
 */

/** Reloads the application (and the lists) after a change on its page. */
export function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['subsidies'] });
    await queryClient.refetchQueries({ queryKey: ['subsidies', 'application', id] });
  };
}

export function ClaimsSection({
  application: a,
  canEnter,
  canConfirm,
  onDone,
}: {
  application: ApplicationDetail;
  canEnter: boolean;
  canConfirm: boolean;
  onDone: (s: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const refresh = useRefresh(a.id);
  const lang = i18n.language;
  const [month, setMonth] = useState('');
  const [count, setCount] = useState('');
  const [amount, setAmount] = useState('');
  const num = (s: string) => Number(s.normalize('NFKC').replace(/[,円\s]/g, ''));
  // The page's live region tells of the success (onDone).
  const form = useMutationForm({
    mutationFn: () => addClaim(a.id, { tripMonth: month, tripCount: num(count), claimedYen: num(amount) }),
    onSuccess: async () => {
      setMonth('');
      setCount('');
      setAmount('');
      await refresh();
      onDone(t('subsidies.console.claimAdded', { month }));
    },
  });
  return (
    <section aria-labelledby="s-claims" className={cardClass}>
      <h2 id="s-claims" className="text-std-20B-150">
        {t('subsidies.console.claims')}
      </h2>
      {a.claims.length > 0 && (
        <ul className="flex flex-col gap-3">
          {a.claims.map((c) => (
            <ClaimRow
              key={c.id}
              claim={c}
              canConfirm={canConfirm}
              onDone={onDone}
              refresh={refresh}
              lang={lang}
            />
          ))}
        </ul>
      )}
      {canEnter && (
        <form
          noValidate
          onSubmit={form.submit}
          className="flex flex-col gap-4"
          aria-label={t('subsidies.console.addClaim')}
        >
          <FormProblem error={form.mutation.error} idPrefix="claim" focusKey={form.focusKey} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              id="claim-tripMonth"
              label={t('subsidies.console.tripMonth')}
              type="month"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
            />
            <TextField
              id="claim-tripCount"
              label={t('subsidies.console.tripCount')}
              inputMode="numeric"
              value={count}
              onChange={(e) => setCount(e.target.value)}
            />
            <TextField
              id="claim-claimedYen"
              label={t('subsidies.console.claimedYen')}
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
          <div>
            <button type="submit" className={primaryButtonClass}>
              {t('subsidies.console.addClaim')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function ClaimRow({
  claim: c,
  canConfirm,
  onDone,
  refresh,
  lang,
}: {
  claim: Claim;
  canConfirm: boolean;
  onDone: (s: string) => void;
  refresh: () => Promise<void>;
  lang: string;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState(String(c.claimedYen));
  const [error, setError] = useState<unknown>(null);
  const problemMessage = useProblemMessage();
  async function confirm() {
    try {
      const confirmed = await confirmClaim(c.id, {
        confirmedYen: Number(amount.normalize('NFKC').replace(/[,円\s]/g, '')),
      });
      setError(null);
      await refresh();
      onDone(
        t('subsidies.console.claimConfirmed', {
          month: c.tripMonth,
          yen: yen(confirmed.confirmedYen ?? 0, lang),
        }),
      );
    } catch (err) {
      setError(err);
    }
  }
  async function refuse() {
    const reason = window.prompt(t('subsidies.console.rejectReason'));
    if (!reason) return;
    try {
      await rejectClaim(c.id, reason);
      await refresh();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <li
      className="flex flex-col gap-2 border-b border-solid-gray-420 pb-3"
      data-testid={`claim-${c.tripMonth}`}
    >
      <p className="text-dns-16N-130">
        <span className="font-bold">{c.tripMonth}</span>（
        {t('subsidies.format.fiscalYear', { reiwa: reiwaFiscalYearLabel(c.fiscalYear), year: c.fiscalYear })}
        ） {c.tripCount}回 ・{' '}
        {c.reportedYen > c.claimedYen
          ? t('subsidies.console.reportedCovered', {
              reported: yen(c.reportedYen, lang),
              covered: yen(c.claimedYen, lang),
            })
          : yen(c.claimedYen, lang)}{' '}
        ・ {t(`subsidies.claimStatuses.${c.status}`)}
        {c.confirmedYen !== null &&
          ` ・ ${t('subsidies.console.confirmedYen')} ${yen(c.confirmedYen, lang)}（${c.confirmedOn ? formatStaffDay(c.confirmedOn, lang) : ''}）`}
      </p>
      {error !== null && (
        <p className="text-dns-16B-130 text-error-2" role="alert">
          {problemMessage(error)}
        </p>
      )}
      {canConfirm && c.status === 'submitted' && (
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-40">
            <label htmlFor={`confirm-${c.id}`} className="text-dns-16B-130">
              {t('subsidies.console.confirmedYen')}
            </label>
            <input
              id={`confirm-${c.id}`}
              className={compactInputClass}
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </div>
          <button type="button" className={compactButtonClass} onClick={() => void confirm()}>
            {t('subsidies.console.confirm')}
          </button>
          <button type="button" className={compactButtonClass} onClick={() => void refuse()}>
            {t('subsidies.console.rejectClaim')}
          </button>
        </div>
      )}
    </li>
  );
}
