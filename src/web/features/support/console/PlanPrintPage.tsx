import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { withHonorific } from '../../../../shared/text/honorific.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { linkClass, primaryButtonClass } from '../../../ui/styles.ts';
import { printablePlanQuery } from '../api.ts';

/** Print layout: the plan only, black on white; header, navigation and buttons left out. */
const PRINT_CSS = `@media print {
  header, nav, footer, .print-hidden, a[href^="#main"] { display: none !important; }
  main { padding: 0 !important; max-width: none !important; }
  .plan-sheet { border: 0 !important; padding: 0 !important; font-size: 12pt; }
  .plan-sheet section { break-inside: avoid; }
}`;

/** `/console/support/persons/{id}/plans/{planId}/print`: the plain-language plan for the person to keep. */
export function PlanPrintPage({ id, planId }: { id: string; planId: string }) {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const plan = useQuery(printablePlanQuery(id, planId));
  const title = plan.data?.title ?? t('support.plan.printTitle');
  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="print-hidden flex flex-wrap items-center gap-4">
        <Link
          to="/console/support/persons/$id"
          params={{ id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('support.plan.back')}
        </Link>
        <Link
          to="/console/support/persons/$id/plan"
          params={{ id }}
          className={`${linkClass} inline-flex min-h-11 items-center`}
        >
          {t('support.plan.edit')}
        </Link>
        <button type="button" className={primaryButtonClass} onClick={() => window.print()}>
          {t('support.plan.print')}
        </button>
      </div>
      {plan.isError ? (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <Notice tone="error">
            <p>{problemMessage(plan.error)}</p>
          </Notice>
        </>
      ) : plan.isPending ? (
        <>
          <PageHeading title={title}>{title}</PageHeading>
          <p>{t('common.loading')}</p>
        </>
      ) : (
        <article
          lang="ja"
          className="plan-sheet flex max-w-3xl flex-col gap-6 rounded-8 border border-solid-gray-420 bg-white p-6"
        >
          <PageHeading title={title}>{title}</PageHeading>
          <p className="text-std-17B-170">
            {withHonorific(plan.data.nickname)} ・ {plan.data.madeOn}
          </p>
          {plan.data.sections.map((s) => (
            <section key={s.heading} className="flex flex-col gap-2">
              <h2 className="text-std-20B-150">{s.heading}</h2>
              {s.lines.map((line) => (
                <p key={line} className="whitespace-pre-wrap text-std-16N-170">
                  {line}
                </p>
              ))}
            </section>
          ))}
          <div className="plan-footer flex flex-col gap-1 border-t border-solid-gray-420 pt-4 text-std-16N-170">
            {plan.data.footer.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        </article>
      )}
    </>
  );
}
