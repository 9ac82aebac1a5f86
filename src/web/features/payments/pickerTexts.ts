import './i18n.ts';
import { useTranslation } from 'react-i18next';
import type { BankPickerTexts, FinderTexts } from '../../ui/BankPicker.tsx';

/** The texts of the shared pickers (src/web/ui/BankPicker.tsx) in the payments section. */
export function usePickerTexts(): BankPickerTexts & FinderTexts {
  const { t } = useTranslation();
  return {
    legend: t('payments.picker.bank'),
    search: t('payments.picker.search'),
    choose: t('payments.picker.choose'),
    none: t('payments.picker.none'),
    bankSearch: t('payments.picker.bankSearch'),
    bankSearchHint: t('payments.picker.bankSearchHint'),
    bankChosen: (b) => t('payments.picker.bankChosen', { name: b.name, code: b.code }),
    branchSearch: t('payments.picker.branchSearch'),
    branchChosen: (b) => t('payments.picker.branchChosen', { name: b.name, code: b.code }),
    change: t('payments.picker.change'),
  };
}
