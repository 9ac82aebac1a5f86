/** The municipality profile's field texts (schema rules, written with `fieldMessage`). */
export const MUNICIPALITIES_FIELD = {
  phone: { ja: '電話番号は数字と - ( ) # + で入力してください', en: 'use digits and - ( ) # + only' },
  logoBase64: { ja: 'base64 で送ってください', en: 'send the image as base64' },
  logoImage: {
    ja: 'PNG か JPEG の画像（256 KiB まで）を選んでください',
    en: 'choose a PNG or JPEG image of at most 256 KiB',
  },
} as const;
