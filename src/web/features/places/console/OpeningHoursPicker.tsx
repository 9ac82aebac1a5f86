import '../i18n.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatRrule,
  isRuleError,
  type ParsedRule,
  parseRrule,
  WEEKDAYS,
  type Weekday,
} from '../../../../shared/opening-hours.ts';
import { Checkbox } from '../../../ui/Checkbox.tsx';
import { compactInputClass, selectClass } from '../../../ui/styles.ts';
import { describeHours } from '../format.ts';

/**
 * Opening days in the words of the office (issue 22 item 5): 毎週 / 隔週 / 毎月 第n 曜日, chosen with
 * checkboxes, written as the recurrence rule the server stores. A rule the words cannot say (e.g.
 * 第1水曜と第3金曜 in one entry) keeps its text in the advanced field, which stays available.
 */
type Repeat = 'weekly' | 'biweekly' | 'monthly';
const WEEKS = [1, 2, 3, 4, 5, -1] as const;
type Choice = { repeat: Repeat; days: Weekday[]; weeks: number[] };

export function choiceOf(rule: ParsedRule): Choice | null {
  const days = [...new Set(rule.days.map((d) => d.day))];
  if (rule.freq === 'WEEKLY') {
    if (rule.interval > 2) return null;
    return { repeat: rule.interval === 2 ? 'biweekly' : 'weekly', days, weeks: [] };
  }
  const weeks = [...new Set(rule.days.map((d) => d.ordinal ?? 0))];
  // The words say "these weeks × these days": only a full cross product can be shown that way.
  if (days.length * weeks.length !== rule.days.length) return null;
  return { repeat: 'monthly', days, weeks };
}

export function ruleOf(choice: Choice): string | null {
  const days = WEEKDAYS.filter((d) => choice.days.includes(d));
  if (days.length === 0) return null;
  if (choice.repeat !== 'monthly')
    return formatRrule({
      freq: 'WEEKLY',
      interval: choice.repeat === 'biweekly' ? 2 : 1,
      days: days.map((day) => ({ day, ordinal: null })),
    });
  const weeks = WEEKS.filter((w) => choice.weeks.includes(w));
  if (weeks.length === 0) return null;
  return formatRrule({
    freq: 'MONTHLY',
    interval: 1,
    days: days.flatMap((day) => weeks.map((ordinal) => ({ day, ordinal }))),
  });
}

export function OpeningHoursPicker({
  id,
  rrule,
  start,
  end,
  onChange,
}: {
  id: string;
  rrule: string;
  start: string;
  end: string;
  onChange: (rrule: string) => void;
}) {
  const { t } = useTranslation();
  const parsed = parseRrule(rrule);
  const initial = isRuleError(parsed) ? null : choiceOf(parsed);
  const [choice, setChoice] = useState<Choice>(initial ?? { repeat: 'weekly', days: [], weeks: [] });
  const [advanced, setAdvanced] = useState(initial === null && rrule !== '');
  const update = (next: Choice) => {
    setChoice(next);
    // An incomplete choice (no day yet) leaves the stored rule empty, which the server refuses with
    // its own message, rather than silently keeping the previous days.
    onChange(ruleOf(next) ?? '');
  };
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);
  const summary = isRuleError(parsed) ? null : describeHours(t, { rrule, start, end, ...parsed });
  return (
    <div className="flex min-w-0 flex-col gap-2">
      {!advanced && (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-repeat`} className="text-dns-16B-130">
              {t('places.edit.picker.repeat')}
            </label>
            <select
              id={`${id}-repeat`}
              className={`${selectClass} self-start`}
              value={choice.repeat}
              onChange={(e) => update({ ...choice, repeat: e.target.value as Repeat })}
            >
              {(['weekly', 'biweekly', 'monthly'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`places.edit.picker.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {choice.repeat === 'monthly' && (
            <fieldset className="flex flex-wrap gap-x-4">
              <legend className="text-dns-16B-130">{t('places.edit.picker.weeks')}</legend>
              {WEEKS.map((w) => (
                <Checkbox
                  key={w}
                  id={`${id}-week-${w}`}
                  label={
                    w === -1 ? t('places.edit.picker.lastWeek') : t('places.edit.picker.nthWeek', { n: w })
                  }
                  checked={choice.weeks.includes(w)}
                  onChange={(e) => update({ ...choice, weeks: toggle(choice.weeks, w, e.target.checked) })}
                />
              ))}
            </fieldset>
          )}
          <fieldset className="flex flex-wrap gap-x-4">
            <legend className="text-dns-16B-130">{t('places.edit.picker.days')}</legend>
            {WEEKDAYS.map((d) => (
              <Checkbox
                key={d}
                id={`${id}-day-${d}`}
                label={t(`places.weekdayLong.${d}`)}
                checked={choice.days.includes(d)}
                onChange={(e) => update({ ...choice, days: toggle(choice.days, d, e.target.checked) })}
              />
            ))}
          </fieldset>
        </>
      )}
      {advanced && (
        <div className="flex flex-col gap-1">
          <label htmlFor={id} className="text-dns-16B-130">
            {t('places.edit.rrule')}
          </label>
          <p id={`${id}-hint`} className="text-dns-14N-130 text-solid-gray-700">
            {t('places.edit.hoursHint')}
          </p>
          <input
            id={id}
            className={compactInputClass}
            aria-describedby={`${id}-hint`}
            value={rrule}
            onChange={(e) => onChange(e.target.value)}
          />
        </div>
      )}
      <p className="text-dns-16N-130" aria-live="polite" data-testid={`${id}-summary`}>
        {summary ?? t('places.edit.picker.incomplete')}
      </p>
      <Checkbox
        id={`${id}-advanced`}
        label={t('places.edit.picker.advanced')}
        checked={advanced}
        onChange={(e) => {
          setAdvanced(e.target.checked);
          // Back to the words: start from what the rule says, when the words can say it.
          if (!e.target.checked) {
            const now = parseRrule(rrule);
            const words = isRuleError(now) ? null : choiceOf(now);
            if (words) setChoice(words);
            else update(choice);
          }
        }}
      />
    </div>
  );
}
