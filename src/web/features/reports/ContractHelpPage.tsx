import './i18n.ts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWarekiWithWestern, isoDateInTokyo } from '../../../shared/text/wareki.ts';
import { inLanguage } from '../../i18n/language.ts';
import { formatDate } from '../../ui/datetime.ts';
import { RadioGroup } from '../../ui/Fields.tsx';
import { FormProblem } from '../../ui/FormProblem.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { PhoneLink } from '../../ui/PhoneLink.tsx';
import { cardClass, primaryButtonClass, secondaryButtonClass } from '../../ui/styles.ts';
import { TextField } from '../../ui/TextField.tsx';
import { parseYen } from './api.ts';
import {
  calculateDeadlines,
  type DeadlineResult,
  type SalesMethod,
  type Signer,
  tokyoNoon,
} from './contract-deadlines.ts';

/**
 * `/reports/contract-help`: from the contract date, who signed, how it was sold and when the legal
 * document was received (or never), the cooling-off and rescission deadlines (BRIEF), that a
 * contract restraining a person's freedom may be void, and a printable cancellation-notice draft for
 * the signer. Guidance, not legal advice; always 188. Everything is computed on the device and nothing
 * is sent or kept.
 */
type DocumentChoice = 'received' | 'never' | 'defective';

export function showDate(date: string, language: string): string {
  const day = tokyoNoon(date);
  return inLanguage({ ja: () => formatWarekiWithWestern(day), en: () => formatDate(day, 'en') }, language)();
}

export function ContractHelpPage() {
  const { t, i18n } = useTranslation();
  const title = t('reports.help.title');
  const [contractDate, setContractDate] = useState('');
  const [signer, setSigner] = useState<Signer | undefined>();
  const [salesMethod, setSalesMethod] = useState<SalesMethod | undefined>();
  const [documentChoice, setDocumentChoice] = useState<DocumentChoice | undefined>();
  const [documentDate, setDocumentDate] = useState('');
  const [rescindableFrom, setRescindableFrom] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [focusKey, setFocusKey] = useState(0);
  const [result, setResult] = useState<DeadlineResult | null>(null);

  function calculate(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!contractDate) errors.contractDate = t('reports.help.errors.contractDate');
    if (!signer) errors.signer = t('reports.help.errors.choose');
    if (!salesMethod) errors.salesMethod = t('reports.help.errors.choose');
    if (!documentChoice) errors.document = t('reports.help.errors.choose');
    if (documentChoice === 'received' && !documentDate)
      errors.documentDate = t('reports.help.errors.documentDate');
    if (Object.keys(errors).length === 0) {
      const computed = calculateDeadlines({
        contractDate,
        signer: signer!,
        salesMethod: salesMethod!,
        document:
          documentChoice === 'received' ? { kind: 'received', on: documentDate } : { kind: documentChoice! },
        today: isoDateInTokyo(new Date()),
        rescindableFrom: rescindableFrom || null,
      });
      if (computed.ok) {
        setLocal({});
        setResult(computed);
        return;
      }
      for (const e of computed.errors) errors[e.field] = t(`reports.help.errors.${e.field}`);
    }
    setLocal(errors);
    setResult(null);
    setFocusKey((k) => k + 1);
  }

  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <div className="flex flex-col gap-3">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="text-std-16N-170">{t('reports.help.lead')}</p>
        <Notice tone="info">
          <p>{t('reports.help.disclaimer')}</p>
        </Notice>
      </div>

      <form noValidate onSubmit={calculate} className="flex flex-col gap-6 print:hidden">
        <FormProblem error={null} local={local} idPrefix="help" focusKey={focusKey} />
        <TextField
          id="help-contractDate"
          type="date"
          label={t('reports.help.contractDate')}
          required
          error={local.contractDate}
          value={contractDate}
          onChange={(e) => setContractDate(e.target.value)}
        />
        <RadioGroup
          id="help-signer"
          legend={t('reports.help.signerLegend')}
          hint={t('reports.help.signerHint')}
          required
          error={local.signer}
          value={signer}
          onChange={setSigner}
          options={(['self', 'family', 'other', 'unknown'] as const).map((v) => ({
            value: v,
            label: t(`reports.help.signers.${v}`),
          }))}
        />
        <RadioGroup
          id="help-salesMethod"
          legend={t('reports.help.salesLegend')}
          required
          error={local.salesMethod}
          value={salesMethod}
          onChange={setSalesMethod}
          options={(
            ['visit', 'phone', 'continuous_service', 'multilevel', 'business_opportunity', 'other'] as const
          ).map((v) => ({
            value: v,
            label: t(`reports.help.sales.${v}`),
          }))}
        />
        <RadioGroup
          id="help-document"
          legend={t('reports.help.documentLegend')}
          hint={t('reports.help.documentHint')}
          required
          error={local.document}
          value={documentChoice}
          onChange={setDocumentChoice}
          options={(['received', 'never', 'defective'] as const).map((v) => ({
            value: v,
            label: t(`reports.help.documents.${v}`),
          }))}
        />
        {documentChoice === 'received' && (
          <TextField
            id="help-documentDate"
            type="date"
            label={t('reports.help.documentDate')}
            required
            error={local.documentDate}
            value={documentDate}
            onChange={(e) => setDocumentDate(e.target.value)}
          />
        )}
        <TextField
          id="help-rescindableFrom"
          type="date"
          label={t('reports.help.rescindableFrom')}
          hint={t('reports.help.rescindableFromHint')}
          error={local.rescindableFrom}
          value={rescindableFrom}
          onChange={(e) => setRescindableFrom(e.target.value)}
        />
        <div>
          <button type="submit" className={primaryButtonClass}>
            {t('reports.help.calculate')}
          </button>
        </div>
      </form>

      <div role="status" aria-live="polite" className="print:hidden">
        {result && <Results result={result} language={i18n.language} />}
      </div>

      <Consult />
      <NoticeDraft contractDate={contractDate} />
    </div>
  );
}

function Results({ result, language }: { result: DeadlineResult; language: string }) {
  const { t } = useTranslation();
  const d = (date: string) => showDate(date, language);
  const c = result.coolingOff;
  let coolingOff: string;
  if (c.kind === 'open')
    coolingOff = t('reports.help.coolingOff.open', {
      days: c.periodDays,
      lastDay: d(c.lastDay),
      left: c.daysLeft,
      start: d(c.startsOn),
    });
  else if (c.kind === 'passed') coolingOff = t('reports.help.coolingOff.passed', { lastDay: d(c.lastDay) });
  else if (c.kind === 'not_started')
    coolingOff =
      c.reason === 'never'
        ? t('reports.help.coolingOff.notStartedNever', { days: c.periodDays })
        : t('reports.help.coolingOff.notStartedDefective', { days: c.periodDays });
  else coolingOff = t('reports.help.coolingOff.notApplicable');
  const r = result.rescission;
  const signerLabel = result.signer === 'unknown' ? null : t(`reports.help.signers.${result.signer}`);
  return (
    <section aria-labelledby="help-result-heading" className="flex flex-col gap-4" data-testid="help-result">
      <h2 id="help-result-heading" className="text-std-24B-150">
        {t('reports.help.resultHeading')}
      </h2>
      <div className={cardClass}>
        <h3 className="text-std-20B-150">{t('reports.help.coolingOffHeading')}</h3>
        <p className="text-std-16N-170" data-testid="help-cooling-off">
          {coolingOff}
        </p>
        {c.kind !== 'not_applicable' && (
          <p className="text-std-16N-170">{t('reports.help.coolingOff.how')}</p>
        )}
        <p className="text-std-16N-170">
          {signerLabel
            ? t('reports.help.signerNote', { signer: signerLabel })
            : t('reports.help.signerNoteUnknown')}
        </p>
      </div>
      <div className={cardClass}>
        <h3 className="text-std-20B-150">{t('reports.help.rescissionHeading')}</h3>
        <p className="text-std-16N-170" data-testid="help-rescission">
          {r.status === 'open'
            ? t('reports.help.rescission.open', { lastDay: d(r.lastDay) })
            : t('reports.help.rescission.passed', { lastDay: d(r.lastDay) })}
        </p>
        <p className="text-std-16N-170">
          {r.oneYearLastDay
            ? t('reports.help.rescission.ruleWithFrom', {
                oneYear: d(r.oneYearLastDay),
                absolute: d(r.absoluteLastDay),
              })
            : t('reports.help.rescission.rule', { absolute: d(r.absoluteLastDay) })}
        </p>
      </div>
      <div className={cardClass}>
        <h3 className="text-std-20B-150">{t('reports.help.voidHeading')}</h3>
        <p className="text-std-16N-170">{t('reports.help.voidBody')}</p>
      </div>
    </section>
  );
}

function Consult() {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="help-consult-heading"
      className="flex flex-col gap-3 rounded-8 border-l-8 border-blue-900 bg-blue-50 p-4 print:hidden"
    >
      <h2 id="help-consult-heading" className="text-std-20B-150">
        {t('reports.help.consultHeading')}
      </h2>
      <p className="text-std-16N-170">{t('reports.help.consultBody')}</p>
      <PhoneLink number="188" label={t('national.consumer.name')} />
      <p className="text-std-16N-170">{t('reports.help.consultDanger')}</p>
      <PhoneLink number="110" label={t('national.police.name')} />
    </section>
  );
}

/** The cancellation notice for the signer: typed here, printed, never sent or stored. */
function NoticeDraft({ contractDate }: { contractDate: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [fields, setFields] = useState({
    signerName: '',
    signerAddress: '',
    businessName: '',
    businessAddress: '',
    product: '',
    amount: '',
    paid: '',
    contractDate: '',
    void: true,
  });
  const set = (key: keyof typeof fields, value: string | boolean) =>
    setFields((f) => ({ ...f, [key]: value }));
  const date = fields.contractDate || contractDate;
  const yen = (s: string) => {
    const n = parseYen(s);
    return typeof n === 'number' ? n.toLocaleString('ja-JP') : '＿＿＿＿';
  };
  const blank = (s: string) => s.trim() || '＿＿＿＿＿＿＿＿';
  const today = isoDateInTokyo(new Date());
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-4">
      <h2 id={`${id}-heading`} className="text-std-24B-150 print:hidden">
        {t('reports.help.noticeHeading')}
      </h2>
      <p className="text-std-16N-170 print:hidden">{t('reports.help.noticeLead')}</p>
      <div className="grid gap-4 sm:grid-cols-2 print:hidden">
        <TextField
          id="notice-signerName"
          label={t('reports.help.notice.signerName')}
          autoComplete="off"
          value={fields.signerName}
          onChange={(e) => set('signerName', e.target.value)}
        />
        <TextField
          id="notice-signerAddress"
          label={t('reports.help.notice.signerAddress')}
          autoComplete="off"
          value={fields.signerAddress}
          onChange={(e) => set('signerAddress', e.target.value)}
        />
        <TextField
          id="notice-businessName"
          label={t('reports.help.notice.businessName')}
          autoComplete="off"
          value={fields.businessName}
          onChange={(e) => set('businessName', e.target.value)}
        />
        <TextField
          id="notice-businessAddress"
          label={t('reports.help.notice.businessAddress')}
          autoComplete="off"
          value={fields.businessAddress}
          onChange={(e) => set('businessAddress', e.target.value)}
        />
        <TextField
          id="notice-product"
          label={t('reports.help.notice.product')}
          autoComplete="off"
          value={fields.product}
          onChange={(e) => set('product', e.target.value)}
        />
        <TextField
          id="notice-contractDate"
          type="date"
          label={t('reports.help.notice.contractDate')}
          value={date}
          onChange={(e) => set('contractDate', e.target.value)}
        />
        <TextField
          id="notice-amount"
          label={t('reports.help.notice.amount')}
          inputMode="numeric"
          autoComplete="off"
          value={fields.amount}
          onChange={(e) => set('amount', e.target.value)}
        />
        <TextField
          id="notice-paid"
          label={t('reports.help.notice.paid')}
          inputMode="numeric"
          autoComplete="off"
          value={fields.paid}
          onChange={(e) => set('paid', e.target.value)}
        />
      </div>
      <label htmlFor="notice-void" className="flex min-h-11 cursor-pointer items-center gap-3 print:hidden">
        <input
          id="notice-void"
          type="checkbox"
          className="size-6 shrink-0 accent-blue-900"
          checked={fields.void}
          onChange={(e) => set('void', e.target.checked)}
        />
        <span className="text-std-16N-170">{t('reports.help.notice.includeVoid')}</span>
      </label>

      {/* The draft is always in Japanese: it is sent to a Japanese business. */}
      <article
        lang="ja"
        aria-label={t('reports.help.notice.previewLabel')}
        className="flex flex-col gap-3 rounded-8 border border-solid-gray-600 bg-white p-6 text-std-16N-170 print:border-0 print:p-0"
        data-testid="notice-draft"
      >
        <h3 className="text-center text-std-20B-150">契約解除通知書</h3>
        <p>次の契約を解除します。</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt>契約年月日</dt>
          <dd>{date ? formatWarekiWithWestern(tokyoNoon(date)) : '＿＿＿＿年＿＿月＿＿日'}</dd>
          <dt>契約の内容</dt>
          <dd>{blank(fields.product)}</dd>
          <dt>契約金額</dt>
          <dd>{yen(fields.amount)}円</dd>
          <dt>事業者</dt>
          <dd>
            {blank(fields.businessName)}
            {fields.businessAddress.trim() && `（${fields.businessAddress.trim()}）`}
          </dd>
        </dl>
        <p>支払った代金 {yen(fields.paid)}円を返金してください。受け取った物があれば、引き取ってください。</p>
        {fields.void && (
          <p>
            なお、この契約は、本人の住む場所や行動の自由を不当にしばるものであり、公序良俗に反して無効であると考えます。あわせて、消費者契約法にもとづき取り消します。
          </p>
        )}
        <p className="mt-4">{formatWarekiWithWestern(tokyoNoon(today))}</p>
        <p>住所　{blank(fields.signerAddress)}</p>
        <p>氏名　{blank(fields.signerName)}</p>
      </article>
      <p className="text-std-16N-170 print:hidden">{t('reports.help.notice.howToSend')}</p>
      <div className="print:hidden">
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            window.print();
          }}
        >
          {t('reports.help.print')}
        </button>
      </div>
    </section>
  );
}
