import { useTranslation } from 'react-i18next';
import { NATIONAL_NUMBERS, type NationalNumber } from './national-numbers.ts';
import { PhoneLink } from './PhoneLink.tsx';

/** The national helplines, always shown on public pages whatever the municipality has registered. */
export function NationalNumbers({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const SubHeading = headingLevel === 2 ? 'h3' : 'h4';
  const groups = [
    { id: 'emergency', heading: t('national.emergencyHeading') },
    { id: 'consult', heading: t('national.consultHeading') },
  ] as const;
  return (
    <section aria-labelledby="national-numbers-heading" className="flex flex-col gap-4">
      <Heading id="national-numbers-heading" className="text-std-24B-150 text-solid-gray-900">
        {t('national.heading')}
      </Heading>
      <p className="text-std-16N-170">{t('national.lead')}</p>
      {groups.map((group) => (
        <div key={group.id} className="flex flex-col gap-3">
          <SubHeading className="text-std-18B-160 text-solid-gray-900">{group.heading}</SubHeading>
          <ul className="grid gap-3 sm:grid-cols-2">
            {NATIONAL_NUMBERS.filter((n) => n.group === group.id).map((n) => (
              <NationalNumberCard key={n.id} entry={n} />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function NationalNumberCard({ entry }: { entry: NationalNumber }) {
  const { t } = useTranslation();
  const name = t(`national.${entry.id}.name`);
  return (
    <li className="flex flex-col gap-1 rounded-8 border border-solid-gray-420 bg-white p-4">
      <span className="text-std-17B-170 text-solid-gray-900">{name}</span>
      <span className="text-std-16N-170 text-solid-gray-700">{t(`national.${entry.id}.description`)}</span>
      <PhoneLink number={entry.display} label={name} />
    </li>
  );
}
