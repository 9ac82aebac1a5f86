import type { ReactNode } from 'react';

const tones = {
  info: 'border-blue-900 bg-blue-50',
  success: 'border-success-2 bg-green-50',
  warning: 'border-warning-yellow-2 bg-yellow-50',
  error: 'border-error-1 bg-red-50',
} as const;

/** A bordered message box (DA "ノティフィケーションバナー", simplified). */
export function Notice({ tone = 'info', children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <div className={`rounded-8 border-l-8 px-4 py-3 text-std-16N-170 text-solid-gray-900 ${tones[tone]}`}>
      {children}
    </div>
  );
}
