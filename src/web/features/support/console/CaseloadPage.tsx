import '../i18n.ts';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { cardClass, linkClass } from '../../../ui/styles.ts';
import { caseloadQuery, type PersonSummary } from '../api.ts';
import { PersonTable, ScopeSelect } from './PersonsPage.tsx';

/**
 * `/console/support`: my cases, reviews due, long gaps since the last contact, and consultations
 * waiting for a reply. Lists keep the server's order (review date, time since contact); nothing is
 * ranked by employment.
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  const problemMessage = useProblemMessage();
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const caseload = useQuery(caseloadQuery(scope));
  const title = t('support.caseload.title');

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="max-w-3xl text-std-16N-170">{t('support.caseload.lead')}</p>
      <div className="flex flex-wrap gap-x-6">
        <Link to="/console/support/persons" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('support.records.toPersons')}
        </Link>
        <Link to="/console/support/import" className={`${linkClass} inline-flex min-h-11 items-center`}>
          {t('support.records.importLink')}
        </Link>
      </div>
      <ScopeSelect id="caseload-scope" scope={scope} onChange={setScope} />
      {caseload.isError ? (
        <Notice tone="error">
          <p>{problemMessage(caseload.error)}</p>
        </Notice>
      ) : caseload.isPending ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <section aria-labelledby="unanswered-heading" className={`${cardClass} max-w-3xl`}>
            <h2 id="unanswered-heading" className="text-std-20B-150">
              {t('support.caseload.unanswered')}
            </h2>
            <p className="text-std-16N-170" data-testid="unanswered-count">
              {t('support.caseload.unansweredCount', {
                count: caseload.data.unansweredConsultations.count,
                hours: caseload.data.unansweredConsultations.oldest[0]?.unansweredHours ?? 0,
              })}
            </p>
            <Link
              to="/console/consultations"
              className={`${linkClass} inline-flex min-h-11 items-center self-start`}
            >
              {t('support.caseload.toQueue')}
            </Link>
          </section>
          <CaseTable
            id="reviews"
            heading={t('support.caseload.reviewsDue')}
            items={caseload.data.reviewsDue}
          />
          <CaseTable id="gaps" heading={t('support.caseload.longGaps')} items={caseload.data.longGaps} />
          <CaseTable id="mine" heading={t('support.caseload.myCases')} items={caseload.data.myCases} />
        </>
      )}
    </>
  );
}

function CaseTable({ id, heading, items }: { id: string; heading: string; items: PersonSummary[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-3" data-testid={`caseload-${id}`}>
      <h2 id={`${id}-heading`} className="text-std-20B-150">
        {heading}（{items.length}）
      </h2>
      {items.length === 0 ? (
        <p className="text-std-16N-170">{t('support.caseload.none')}</p>
      ) : (
        <PersonTable label={heading} items={items} />
      )}
    </section>
  );
}
