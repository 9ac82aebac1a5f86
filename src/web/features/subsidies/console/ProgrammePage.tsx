import '../i18n.ts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fiscalYearOfMonth } from '../../../../shared/fiscal-year.ts';
import { useProblemMessage } from '../../../api/useProblemMessage.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { TextAreaField } from '../../../ui/Fields.tsx';
import { FormProblem } from '../../../ui/FormProblem.tsx';
import { LiveStatus } from '../../../ui/LiveStatus.tsx';
import { useMutationForm } from '../../../ui/MutationForm.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { PageHeading } from '../../../ui/PageHeading.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { cardClass, compactButtonClass, primaryButtonClass } from '../../../ui/styles.ts';
import { TextField } from '../../../ui/TextField.tsx';
import {
  createProgramme,
  type Programme,
  type ProgrammeUpdate,
  programmesQuery,
  type Relation,
  updateProgramme,
  yen,
} from '../api.ts';

const NUMBERS = ['budgetYen', 'monthlyCapYen', 'carYenPerKm', 'bicycleYenPerKm'] as const;
const TEXTS = ['approvalNoticeText', 'rejectionNoticeText', 'instructionText'] as const;

/** `/console/subsidies/programme`: the year's programme — budget, rules, notice texts and 教示. */
export function ProgrammePage({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const problemMessage = useProblemMessage();
  const list = useQuery(programmesQuery());
  const title = t('subsidies.console.programmeTitle');
  const queryClient = useQueryClient();
  const [year, setYear] = useState<number | null>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  // Held here, not in the form: a save gives the programme a new version, and the form is made anew
  // for it (fresh values), which would drop a message kept inside it before anyone heard it.
  const [saved, setSaved] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const p = items.find((x) => x.fiscalYear === year) ?? items[0];
  const latest = items[0];
  /** A programme for this fiscal year from a template the administrator then edits (budget 0 until set). */
  async function createFirst() {
    try {
      const created = await createProgramme({
        fiscalYear: thisFiscalYear(),
        name: t('subsidies.console.templateName'),
        budgetYen: 0,
        monthlyCapYen: 5000,
        carYenPerKm: 15,
        bicycleYenPerKm: 10,
        applicantRelations: ['self', 'family'],
        open: false,
        documentNumberPrefix: '第',
        approvalNoticeText: t('subsidies.console.templateApproval'),
        rejectionNoticeText: t('subsidies.console.templateRejection'),
        instructionText: t('subsidies.console.templateInstruction'),
      });
      setCreateError(null);
      await queryClient.invalidateQueries({ queryKey: ['subsidies'] });
      setYear(created.fiscalYear);
    } catch (error) {
      setCreateError(error);
    }
  }
  async function createNext() {
    if (!latest) return;
    const { id: _id, budget: _b, version: _v, nextDocumentSerial: _n, ...settings } = latest;
    try {
      const created = await createProgramme({ ...settings, fiscalYear: latest.fiscalYear + 1 });
      setCreateError(null);
      await queryClient.invalidateQueries({ queryKey: ['subsidies'] });
      setYear(created.fiscalYear);
    } catch (error) {
      setCreateError(error);
    }
  }
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      {list.isError ? (
        <Notice tone="error">
          <p>{problemMessage(list.error)}</p>
        </Notice>
      ) : list.isPending ? (
        <p>{t('common.loading')}</p>
      ) : !p ? (
        <>
          <p>{t('subsidies.console.noProgramme')}</p>
          {canEdit && (
            <div>
              <button type="button" className={compactButtonClass} onClick={() => void createFirst()}>
                {t('subsidies.console.createFirst', { year: thisFiscalYear() })}
              </button>
            </div>
          )}
          {createError !== null && (
            <p className="text-dns-16B-130 text-error-2" role="alert">
              {problemMessage(createError)}
            </p>
          )}
        </>
      ) : (
        <>
          {items.length > 1 && (
            <div className="w-64">
              <SelectField
                id="programme-year"
                compact
                label={t('subsidies.console.year')}
                value={String(p.fiscalYear)}
                onChange={(e) => setYear(Number(e.target.value))}
                options={items.map((x) => ({
                  value: String(x.fiscalYear),
                  label: t('subsidies.console.fiscalYear', { year: x.fiscalYear }),
                }))}
              />
            </div>
          )}
          {canEdit && (
            <div className="flex flex-col gap-2">
              <div>
                <button type="button" className={compactButtonClass} onClick={() => void createNext()}>
                  {t('subsidies.console.createNext', { year: (latest?.fiscalYear ?? 0) + 1 })}
                </button>
              </div>
              {createError !== null && (
                <p className="text-dns-16B-130 text-error-2" role="alert">
                  {problemMessage(createError)}
                </p>
              )}
            </div>
          )}
          <section className={cardClass} aria-label={t('subsidies.console.programmes')}>
            <p className="text-std-17B-170">
              {p.name}（{t('subsidies.console.fiscalYear', { year: p.fiscalYear })}）
            </p>
            <p className="text-dns-16N-130">
              {t('subsidies.console.budget', {
                budget: yen(p.budget.budgetYen, i18n.language),
                confirmed: yen(p.budget.confirmedYen, i18n.language),
                pending: yen(p.budget.pendingYen, i18n.language),
                remaining: yen(p.budget.remainingYen, i18n.language),
              })}
            </p>
            <p className="text-dns-16N-130">
              {t('subsidies.console.grantedTotal', { total: yen(p.budget.grantedMonthlyYen, i18n.language) })}
            </p>
          </section>
          <LiveStatus message={saved} />
          <ProgrammeForm key={`${p.id}-${p.version}`} programme={p} canEdit={canEdit} announce={setSaved} />
        </>
      )}
    </>
  );
}

function ProgrammeForm({
  programme: p,
  canEdit,
  announce,
}: {
  programme: Programme;
  canEdit: boolean;
  /** Says the outcome in the page's live region (null clears it when the next save starts). */
  announce: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(
    () =>
      ({
        name: p.name,
        ...Object.fromEntries(NUMBERS.map((k) => [k, String(p[k])])),
        ...Object.fromEntries(TEXTS.map((k) => [k, p[k]])),
        documentNumberPrefix: p.documentNumberPrefix,
      }) as Record<string, string>,
  );
  const [relations, setRelations] = useState<Relation[]>(p.applicantRelations);
  const [open, setOpen] = useState(p.open);
  // Said once the list is fresh (not the hook's own message, which would come sooner).
  const save = useMutationForm({
    mutationFn: () =>
      updateProgramme(p.id, {
        // The text and number fields are kept by name (NUMBERS, TEXTS): their keys are the body's, which
        // the type cannot follow through Object.fromEntries; the server's schema checks every one.
        ...(form as unknown as Pick<
          ProgrammeUpdate,
          (typeof TEXTS)[number] | 'name' | 'documentNumberPrefix'
        >),
        ...(Object.fromEntries(
          NUMBERS.map((k) => [k, Number((form[k] ?? '').normalize('NFKC').replace(/[,円\s]/g, ''))]),
        ) as Pick<ProgrammeUpdate, (typeof NUMBERS)[number]>),
        applicantRelations: relations,
        open,
        version: p.version,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['subsidies'] });
      announce(t('subsidies.console.saved'));
    },
  });
  const field = (k: string) => ({
    value: form[k] ?? '',
    disabled: !canEdit,
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        announce(null);
        save.submit(event);
      }}
      className="flex max-w-3xl flex-col gap-4"
    >
      <FormProblem error={save.mutation.error} idPrefix="programme" focusKey={save.focusKey} />
      <TextField id="programme-name" label={t('subsidies.console.programmeName')} {...field('name')} />
      <div className="grid gap-4 sm:grid-cols-2">
        {NUMBERS.map((k) => (
          <TextField
            key={k}
            id={`programme-${k}`}
            label={t(`subsidies.console.${k}`)}
            inputMode="numeric"
            {...field(k)}
          />
        ))}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-std-17B-170">{t('subsidies.console.applicantRelations')}</legend>
        {(['self', 'family'] as const).map((r) => (
          <Checkbox
            key={r}
            id={`programme-relation-${r}`}
            label={t(`subsidies.apply.relations.${r}`)}
            checked={relations.includes(r)}
            disabled={!canEdit}
            onChange={(e) =>
              setRelations((rs) => (e.target.checked ? [...rs, r] : rs.filter((x) => x !== r)))
            }
          />
        ))}
      </fieldset>
      <Checkbox
        id="programme-open"
        label={t('subsidies.console.open')}
        checked={open}
        disabled={!canEdit}
        onChange={(e) => setOpen(e.target.checked)}
      />
      <TextField
        id="programme-documentNumberPrefix"
        label={t('subsidies.console.documentNumberPrefix')}
        {...field('documentNumberPrefix')}
      />
      {TEXTS.map((k) => (
        <TextAreaField
          key={k}
          id={`programme-${k}`}
          label={t(`subsidies.console.${k}`)}
          rows={4}
          {...field(k)}
        />
      ))}
      {canEdit && (
        <div>
          <button type="submit" className={primaryButtonClass}>
            {t('subsidies.console.save')}
          </button>
        </div>
      )}
    </form>
  );
}

const thisFiscalYear = () => fiscalYearOfMonth(new Date().toISOString().slice(0, 7));
