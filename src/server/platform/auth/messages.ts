import { AppError, registerErrorMessages } from '../errors.ts';

/** Every error code of authentication, in Japanese and English (imported for its side effect). */
registerErrorMessages({
  login_failed: {
    title: {
      ja: 'メールアドレスまたはパスワードが正しくありません',
      en: 'The e-mail address or password is incorrect',
    },
    detail: {
      ja: '入力内容を確かめて、もう一度お試しください。5回続けて間違えると、15分間ログインできなくなります。',
      en: 'Check what you typed and try again. After 5 failed attempts, login is paused for 15 minutes.',
    },
  },
  login_locked: {
    title: { ja: 'ログインを一時的に停止しています', en: 'Login is temporarily paused' },
    detail: {
      ja: 'ログインに続けて失敗したため、15分間ログインできません。時間をおいてからお試しください。',
      en: 'Too many failed attempts: login is paused for 15 minutes. Please try again later.',
    },
  },
  mfa_locked: {
    title: { ja: '確認コードの入力を一時的に停止しています', en: 'Code entry is temporarily paused' },
    detail: {
      ja: '確認コードを続けて間違えたため、15分間入力できません。時間をおいてからお試しください。',
      en: 'Too many wrong codes: code entry is paused for 15 minutes. Please try again later.',
    },
  },
  mfa_code_invalid: {
    title: { ja: '確認コードが正しくありません', en: 'The code is incorrect' },
    detail: {
      ja: '認証アプリに表示されている最新の6桁のコード、または未使用の回復コードを入力してください。',
      en: 'Enter the current 6-digit code from your authenticator app, or an unused recovery code.',
    },
  },
  mfa_not_enrolled: {
    title: { ja: 'この方法の二段階認証は設定されていません', en: 'This second factor is not set up' },
  },
  totp_already_enrolled: {
    title: { ja: '認証アプリは既に設定されています', en: 'An authenticator app is already set up' },
    detail: {
      ja: '設定し直す場合は、先に現在の設定を解除してください。',
      en: 'To set it up again, remove the current one first.',
    },
  },
  totp_setup_missing: {
    title: { ja: '認証アプリの設定を最初からやり直してください', en: 'Start the authenticator set-up again' },
    detail: {
      ja: '設定の手続きが見つからないか、30分以上経過しています。',
      en: 'No set-up is in progress, or it started more than 30 minutes ago.',
    },
  },
  passkey_challenge_missing: {
    title: { ja: 'パスキーの手続きを最初からやり直してください', en: 'Start the passkey step again' },
    detail: {
      ja: '手続きが見つからないか、時間が経ちすぎています。',
      en: 'No passkey request is pending, or it has expired.',
    },
  },
  passkey_invalid: {
    title: { ja: 'パスキーを確認できませんでした', en: 'The passkey could not be verified' },
    detail: { ja: 'もう一度お試しください。', en: 'Please try again.' },
  },
  passkey_already_registered: {
    title: { ja: 'このパスキーは既に登録されています', en: 'This passkey is already registered' },
  },
  password_incorrect: {
    title: { ja: '現在のパスワードが正しくありません', en: 'The current password is incorrect' },
  },
  password_too_short_without_mfa: {
    title: {
      ja: '二段階認証を解除する前にパスワードを変更してください',
      en: 'Change your password before removing your second factor',
    },
    detail: {
      ja: '二段階認証がない場合、パスワードは15文字以上が必要です。先に15文字以上のパスワードに変更してください。',
      en: 'Without a second factor a password needs at least 15 characters. Change it to a longer one first.',
    },
  },
  password_reset_invalid: {
    title: {
      ja: 'このパスワード再設定リンクは無効か、有効期限が切れています',
      en: 'This password reset link is invalid or has expired',
    },
    detail: {
      ja: 'リンクは24時間有効で、1回だけ使えます。管理者に新しいリンクの発行を依頼してください。',
      en: 'Links are valid for 24 hours and work once. Ask your administrator for a new link.',
    },
  },
});

/** `HH:mm` in Japan time, for "try again after …" messages. */
function tokyoTime(at: Date): string {
  return new Intl.DateTimeFormat('ja-JP', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  }).format(at);
}

/** 429 that says when to retry, in the message, in `retryAt` and (for clients) in Retry-After. */
export function lockedError(code: 'login_locked' | 'mfa_locked', lockedUntil: Date, now: Date): AppError {
  const time = tokyoTime(lockedUntil);
  const what =
    code === 'login_locked'
      ? { ja: 'ログイン', en: 'log in' }
      : { ja: '確認コードの入力', en: 'enter a code' };
  return new AppError(429, code, {
    detail: {
      ja: `続けて失敗したため、一時的に停止しています。${time}（日本時間）以降に、もう一度${what.ja}をお試しください。`,
      en: `Too many failed attempts. Please try to ${what.en} again after ${time} (Japan time).`,
    },
    extra: {
      retryAt: lockedUntil.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)),
    },
  });
}
