import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULE_TOPICS, WHERE_KINDS, type WhereKind } from '../../../../shared/contracts/navigator.ts';
import { meQuery } from '../../../api/me.ts';
import { CardSection } from '../../../ui/CardSection.tsx';
import { formatStaffDay } from '../../../ui/datetime.ts';
import { ListFilterBar, matchesAllWords } from '../../../ui/ListFilterBar.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { MutationForm, useMutationForm } from '../../../ui/MutationForm.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { compactDangerButtonClass, linkClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import { addScheme, addWindow, localEntriesQuery, removeScheme, removeWindow } from '../api.ts';

/**
 * `/console/navigator/local` (municipal administrator): the town's own windows (linked to its
 * directory entries where it entered ハローワーク, サポステ… as places) and its local schemes.
 */
export function LocalPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const entries = useQuery(localEntriesQuery());
  const me = useQuery(meQuery());
  const tenant = me.data?.account.tenant ?? null;
  const [removed, setRemoved] = useState('');
  // Client-side: a town's windows and schemes come whole in one answer and are a handful.
  const [windowQ, setWindowQ] = useState('');
  const [windowSort, setWindowSort] = useState<'kind' | 'name'>('kind');
  const [schemeQ, setSchemeQ] = useState('');
  const [schemeSort, setSchemeSort] = useState<'title' | 'effective' | 'checked'>('title');
  const collator = new Intl.Collator('ja');
  const windows = (entries.data?.windows ?? [])
    .filter((x) => matchesAllWords(windowQ, [x.name, x.address, x.phone, t(`navigator.whereKind.${x.kind}`)]))
    .sort((a, b) =>
      windowSort === 'kind'
        ? WHERE_KINDS.indexOf(a.kind) - WHERE_KINDS.indexOf(b.kind) || collator.compare(a.name, b.name)
        : collator.compare(a.name, b.name),
    );
  const schemes = (entries.data?.schemes ?? [])
    .filter((x) => matchesAllWords(schemeQ, [x.title, x.source.title]))
    .sort((a, b) =>
      schemeSort === 'effective'
        ? b.effectiveFrom.localeCompare(a.effectiveFrom) || collator.compare(a.title, b.title)
        : schemeSort === 'checked'
          ? a.checkedOn.localeCompare(b.checkedOn) || collator.compare(a.title, b.title)
          : collator.compare(a.title, b.title),
    );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['navigator'] });
  const title = t('navigator.console.localTitle');
  const kinds = WHERE_KINDS.map((k) => ({ value: k, label: t(`navigator.whereKind.${k}`) }));

  const [w, setW] = useState({
    kind: 'hello_work' as WhereKind,
    name: '',
    placeId: '',
    address: '',
    phone: '',
    hours: '',
  });
  const windowForm = useMutationForm({
    mutationFn: () => addWindow({ ...w, placeId: w.placeId.trim() || null }),
    successMessage: t('navigator.console.added'),
    onSuccess: refresh,
  });
  const [s, setS] = useState({
    title: '',
    summary: '',
    topic: 'living' as (typeof RULE_TOPICS)[number],
    where: 'jiritsu_soudan' as WhereKind,
    effectiveFrom: '',
    effectiveTo: '',
    sourceTitle: '',
    sourceUrl: '',
    checkedOn: '',
  });
  const schemeForm = useMutationForm({
    mutationFn: () =>
      addScheme({
        title: s.title,
        summary: s.summary,
        topic: s.topic,
        where: s.where,
        effectiveFrom: s.effectiveFrom,
        effectiveTo: s.effectiveTo || null,
        source: { title: s.sourceTitle, url: s.sourceUrl },
        checkedOn: s.checkedOn,
      }),
    successMessage: t('navigator.console.added'),
    onSuccess: refresh,
  });

  return (
    <div className="flex flex-col gap-6">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="text-std-16N-170">{t('navigator.console.localLead')}</p>
      {tenant && (
        <Link to="/navigator/employer/$code" params={{ code: tenant }} className={`${linkClass} self-start`}>
          {t('navigator.console.employerSheet')}
        </Link>
      )}
      <LiveStatus message={removed} />
      <CardSection headingId="nav-local-windows" heading={t('navigator.console.windows')}>
        {entries.data?.windows.length === 0 && <p>{t('navigator.console.none')}</p>}
        {(entries.data?.windows.length ?? 0) > 0 && (
          <ListFilterBar
            id="nav-windows"
            label={t('navigator.console.windowsFilter')}
            text={{
              label: t('navigator.console.windowsFilterText'),
              value: windowQ,
              onApply: setWindowQ,
              applyLabel: t('navigator.console.filterApply'),
            }}
            sort={{
              label: t('navigator.console.windowsSort'),
              value: windowSort,
              onChange: setWindowSort,
              options: (['kind', 'name'] as const).map((value) => ({
                value,
                label: t(`navigator.console.windowsSorts.${value}`),
              })),
            }}
          />
        )}
        {windowQ && windows.length === 0 && <p>{t('navigator.console.noneMatch')}</p>}
        <ul className="flex flex-col gap-2" aria-label={t('navigator.console.windows')}>
          {windows.map((x) => (
            <li key={x.id} className="flex flex-wrap items-center gap-3">
              <span>
                {t(`navigator.whereKind.${x.kind}`)}: <strong>{x.name}</strong> {x.phone} {x.hours}
              </span>
              <button
                type="button"
                className={compactDangerButtonClass}
                onClick={async () => {
                  await removeWindow(x.id);
                  setRemoved(t('navigator.console.removed'));
                  await refresh();
                }}
              >
                {t('navigator.console.remove', { name: x.name })}
              </button>
            </li>
          ))}
        </ul>
        <MutationForm form={windowForm} idPrefix="nav-window" submitLabel={t('navigator.console.addWindow')}>
          <SelectField
            id="nav-window-kind"
            label={t('navigator.console.kind')}
            options={kinds}
            value={w.kind}
            onChange={(e) => setW({ ...w, kind: e.target.value as WhereKind })}
          />
          <TextField
            id="nav-window-name"
            label={t('navigator.console.name')}
            required
            value={w.name}
            onChange={(e) => setW({ ...w, name: e.target.value })}
          />
          <TextField
            id="nav-window-placeId"
            label={t('navigator.console.placeId')}
            value={w.placeId}
            onChange={(e) => setW({ ...w, placeId: e.target.value })}
          />
          <TextField
            id="nav-window-address"
            label={t('navigator.console.address')}
            value={w.address}
            onChange={(e) => setW({ ...w, address: e.target.value })}
          />
          <TextField
            id="nav-window-phone"
            label={t('navigator.console.phone')}
            value={w.phone}
            onChange={(e) => setW({ ...w, phone: e.target.value })}
          />
          <TextField
            id="nav-window-hours"
            label={t('navigator.console.hours')}
            value={w.hours}
            onChange={(e) => setW({ ...w, hours: e.target.value })}
          />
        </MutationForm>
      </CardSection>
      <CardSection headingId="nav-local-schemes" heading={t('navigator.console.schemes')}>
        {entries.data?.schemes.length === 0 && <p>{t('navigator.console.none')}</p>}
        {(entries.data?.schemes.length ?? 0) > 0 && (
          <ListFilterBar
            id="nav-schemes"
            label={t('navigator.console.schemesFilter')}
            text={{
              label: t('navigator.console.schemesFilterText'),
              value: schemeQ,
              onApply: setSchemeQ,
              applyLabel: t('navigator.console.filterApply'),
            }}
            sort={{
              label: t('navigator.console.schemesSort'),
              value: schemeSort,
              onChange: setSchemeSort,
              options: (['title', 'effective', 'checked'] as const).map((value) => ({
                value,
                label: t(`navigator.console.schemesSorts.${value}`),
              })),
            }}
          />
        )}
        {schemeQ && schemes.length === 0 && <p>{t('navigator.console.noneMatch')}</p>}
        <ul className="flex flex-col gap-2" aria-label={t('navigator.console.schemes')}>
          {schemes.map((x) => (
            <li key={x.id} className="flex flex-wrap items-center gap-3">
              <span>
                <strong>{x.title}</strong> {formatStaffDay(x.effectiveFrom, i18n.language)}–
                {x.effectiveTo ? formatStaffDay(x.effectiveTo, i18n.language) : ''} / {x.source.title} /{' '}
                {formatStaffDay(x.checkedOn, i18n.language)}
              </span>
              <button
                type="button"
                className={compactDangerButtonClass}
                onClick={async () => {
                  await removeScheme(x.id);
                  setRemoved(t('navigator.console.removed'));
                  await refresh();
                }}
              >
                {t('navigator.console.remove', { name: x.title })}
              </button>
            </li>
          ))}
        </ul>
        <MutationForm form={schemeForm} idPrefix="nav-scheme" submitLabel={t('navigator.console.addScheme')}>
          <TextField
            id="nav-scheme-title"
            label={t('navigator.console.title')}
            required
            value={s.title}
            onChange={(e) => setS({ ...s, title: e.target.value })}
          />
          <TextField
            id="nav-scheme-summary"
            label={t('navigator.console.summary')}
            required
            value={s.summary}
            onChange={(e) => setS({ ...s, summary: e.target.value })}
          />
          <SelectField
            id="nav-scheme-topic"
            label={t('navigator.console.topic')}
            options={RULE_TOPICS.map((x) => ({ value: x, label: t(`navigator.topic.${x}`) }))}
            value={s.topic}
            onChange={(e) => setS({ ...s, topic: e.target.value as typeof s.topic })}
          />
          <SelectField
            id="nav-scheme-where"
            label={t('navigator.console.where')}
            options={kinds}
            value={s.where}
            onChange={(e) => setS({ ...s, where: e.target.value as WhereKind })}
          />
          <TextField
            id="nav-scheme-effectiveFrom"
            type="date"
            label={t('navigator.console.effectiveFrom')}
            required
            value={s.effectiveFrom}
            onChange={(e) => setS({ ...s, effectiveFrom: e.target.value })}
          />
          <TextField
            id="nav-scheme-effectiveTo"
            type="date"
            label={t('navigator.console.effectiveTo')}
            value={s.effectiveTo}
            onChange={(e) => setS({ ...s, effectiveTo: e.target.value })}
          />
          <TextField
            id="nav-scheme-source-title"
            label={t('navigator.console.sourceTitle')}
            required
            value={s.sourceTitle}
            onChange={(e) => setS({ ...s, sourceTitle: e.target.value })}
          />
          <TextField
            id="nav-scheme-source-url"
            label={t('navigator.console.sourceUrl')}
            required
            value={s.sourceUrl}
            onChange={(e) => setS({ ...s, sourceUrl: e.target.value })}
          />
          <TextField
            id="nav-scheme-checkedOn"
            type="date"
            label={t('navigator.console.checkedOn')}
            required
            value={s.checkedOn}
            onChange={(e) => setS({ ...s, checkedOn: e.target.value })}
          />
        </MutationForm>
      </CardSection>
    </div>
  );
}
