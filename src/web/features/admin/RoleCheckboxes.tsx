import '../console/i18n.ts';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/roles.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';

export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return (role) => t(`console.roles.${role}`, { defaultValue: role });
}

/** The roles an administrator may grant, as a group of checkboxes with one legend. */
export function RoleCheckboxes({
  idPrefix,
  legend,
  grantable,
  value,
  onChange,
  error,
  compact = false,
}: {
  idPrefix: string;
  legend: string;
  grantable: readonly Role[];
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const label = useRoleLabel();
  const errorId = error ? `${idPrefix}-error` : undefined;
  return (
    <fieldset
      id={idPrefix}
      tabIndex={-1}
      aria-describedby={errorId}
      aria-invalid={error ? true : undefined}
      className="flex min-w-0 flex-col gap-1"
    >
      <legend className={compact ? 'text-dns-16B-130' : 'text-std-17B-170 text-solid-gray-900'}>
        {legend}
      </legend>
      {error && (
        <p id={errorId} className="text-std-16B-170 text-error-2">
          <span className="sr-only">{t('common.errorPrefix')}</span>
          {error}
        </p>
      )}
      <div className={compact ? 'flex flex-wrap gap-x-4' : 'grid gap-x-6 sm:grid-cols-2'}>
        {grantable.map((role) => (
          <Checkbox
            key={role}
            id={`${idPrefix}-${role}`}
            name="roles"
            value={role}
            label={label(role)}
            checked={value.includes(role)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? grantable.filter((r) => r === role || value.includes(r))
                  : value.filter((r) => r !== role),
              )
            }
          />
        ))}
      </div>
    </fieldset>
  );
}
