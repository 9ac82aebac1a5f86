import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { linkClass, secondaryButtonClass } from '../../../ui/styles.ts';
import { plansQuery } from '../api.ts';

/** On the person's page: make or review the plan, and open the current plan's printable page. */
export function PlanLinks({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const plans = useQuery(plansQuery(personId));
  const current = plans.data?.items.find((p) => p.status === 'active');
  return (
    <section aria-labelledby="plan-links-heading" className="flex max-w-3xl flex-col gap-3">
      <h2 id="plan-links-heading" className="text-std-20B-150">
        {t('support.plan.printTitle')}
      </h2>
      {current && (
        <ul className="list-disc pl-6 text-std-16N-170">
          {current.content.goals.map((g) => (
            <li key={g.id ?? g.ownWords}>{g.ownWords}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <Link
          to="/console/support/persons/$id/plan"
          params={{ id: personId }}
          className={secondaryButtonClass}
        >
          {t('support.plan.open')}
        </Link>
        {current && (
          <Link
            to="/console/support/persons/$id/plans/$planId/print"
            params={{ id: personId, planId: current.id }}
            className={`${linkClass} inline-flex min-h-11 items-center`}
          >
            {t('support.plan.printLink')}
          </Link>
        )}
      </div>
    </section>
  );
}
