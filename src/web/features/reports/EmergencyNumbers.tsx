import './i18n.ts';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentContact } from '../../api/municipalities.ts';
import { PhoneLink } from '../../ui/PhoneLink.tsx';

/**
 * The emergency path of the report form: 110 first (BRIEF "Numbers to show people", exactly), then the
 * municipality's own on-call welfare contact from its profile — never a number invented here. It
 * needs no network for 110: the number is part of the page.
 */
export const EmergencyNumbers = forwardRef<
  HTMLElement,
  { municipalityName: string | null; onCall: DepartmentContact | null; loading: boolean }
>(function EmergencyNumbers({ municipalityName, onCall, loading }, ref) {
  const { t } = useTranslation();
  return (
    <section
      ref={ref}
      id="report-emergency"
      tabIndex={-1}
      aria-labelledby="report-emergency-heading"
      className="flex flex-col gap-3 rounded-8 border-4 border-error-1 bg-red-50 p-4"
    >
      <h2 id="report-emergency-heading" className="text-std-24B-150 text-error-2">
        {t('reports.form.emergencyHeading')}
      </h2>
      <div id="report-emergency-police" className="flex flex-col gap-1 rounded-8 bg-white p-3">
        <span className="text-std-17B-170 text-solid-gray-900">{t('reports.form.emergencyPolice')}</span>
        <span className="text-std-16N-170">{t('reports.form.emergencyPoliceDescription')}</span>
        <PhoneLink number="110" label={t('reports.form.emergencyPolice')} />
      </div>
      {onCall ? (
        <div className="flex flex-col gap-1 rounded-8 bg-white p-3">
          <span className="text-std-17B-170 text-solid-gray-900">
            {t('reports.form.emergencyOnCall', { name: municipalityName ?? '' })}
          </span>
          <span lang="ja" className="text-std-16N-170">
            {onCall.department}
          </span>
          <PhoneLink number={onCall.phone} label={onCall.department} />
          {onCall.hours && (
            <span className="text-std-16N-170">
              {t('common.termLabel', { term: t('municipality.hours') })}
              <span lang="ja">{onCall.hours}</span>
            </span>
          )}
        </div>
      ) : (
        !loading && <p className="text-std-16N-170">{t('reports.form.emergencyNoOnCall')}</p>
      )}
      <p className="text-std-16N-170">{t('reports.form.emergencyAfter')}</p>
    </section>
  );
});
