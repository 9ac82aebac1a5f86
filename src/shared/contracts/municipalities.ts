import { z } from 'zod';
import { fieldMessage } from '../text/field-message.ts';
import { listResponse } from './list.ts';

/**
 * Municipalities as the public pages and the administrator's profile page read them (issue 20 item 6):
 * search results, a town's page with its published contacts, prefectures, the national helplines,
 * and the profile an administrator edits. Server routes answer with these; the web infers its types.
 */

/** The field texts of the contacts a town publishes (written with `fieldMessage`). */
export const MUNICIPALITIES_FIELD = {
  phone: { ja: '電話番号は数字と - ( ) # + で入力してください', en: 'use digits and - ( ) # + only' },
  logoBase64: { ja: 'base64 で送ってください', en: 'send the image as base64' },
  logoImage: {
    ja: 'PNG か JPEG の画像（256 KiB まで）を選んでください',
    en: 'choose a PNG or JPEG image of at most 256 KiB',
  },
} as const;

export const MunicipalityKind = z.enum(['prefecture', 'municipality', 'ward']);
export type MunicipalityKind = z.infer<typeof MunicipalityKind>;

export const MunicipalityItem = z.object({
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  prefectureCode: z.string(),
  prefectureName: z.string(),
  /** Romaji for English pages, derived from the reading: Kofu-shi, Yamanashi. */
  nameRomaji: z.string(),
  prefectureNameRomaji: z.string(),
  kind: MunicipalityKind,
  parentCode: z.string().nullable(),
});
export type MunicipalityItem = z.infer<typeof MunicipalityItem>;

export const MunicipalityList = listResponse(MunicipalityItem);
export type MunicipalityList = z.infer<typeof MunicipalityList>;

const Phone = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[0-9#+()\- ]+$/, {
    message: fieldMessage(MUNICIPALITIES_FIELD.phone),
  });

export const DepartmentContact = z.strictObject({
  department: z.string().trim().min(1).max(100),
  phone: Phone,
  email: z.email().max(254).optional(),
  hours: z.string().trim().max(100).optional(),
});
export type DepartmentContact = z.infer<typeof DepartmentContact>;

export const ConsultationNumber = z.strictObject({
  label: z.string().trim().min(1).max(100),
  phone: Phone,
  hours: z.string().trim().max(100).optional(),
  note: z.string().trim().max(200).optional(),
});
export type ConsultationNumber = z.infer<typeof ConsultationNumber>;

/** What anyone may see of a tenant's profile: the contacts it publishes for residents. */
export const PublicTenantProfile = z.object({
  documentName: z.string(),
  consultationNumbers: z.array(ConsultationNumber),
  welfareContact: DepartmentContact.nullable(),
  labourContact: DepartmentContact.nullable(),
  onCallContact: DepartmentContact.nullable(),
  population: z.number().int().nullable(),
  populationAsOf: z.string().nullable(),
  isDemo: z.boolean(),
});
export type PublicTenantProfile = z.infer<typeof PublicTenantProfile>;

export const MunicipalityDetail = MunicipalityItem.extend({
  wards: z.array(MunicipalityItem),
  profile: PublicTenantProfile.nullable(),
});
export type MunicipalityDetail = z.infer<typeof MunicipalityDetail>;

export const PrefectureItem = z.object({
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  /** English (romaji) name: Yamanashi, Tokyo, Hokkaido. */
  nameRomaji: z.string(),
  tenantCode: z.string(),
});
export type PrefectureItem = z.infer<typeof PrefectureItem>;
export const PrefectureList = listResponse(PrefectureItem);
export type PrefectureList = z.infer<typeof PrefectureList>;

/** The whole profile as its administrator edits it; `version` guards against lost updates. */
export const TenantProfile = PublicTenantProfile.extend({
  logo: z.object({ mediaType: z.string(), base64: z.string() }).nullable(),
  municipalityCode: z.string(),
  mfaRequiredForPersonalData: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TenantProfile = z.infer<typeof TenantProfile>;

/** A national line with its hours and cost, and whether it answers now (the business clock, Asia/Tokyo). */
export const HelplineItem = z.object({
  id: z.enum(['police', 'fire', 'policeConsultation', 'consumer', 'childAbuse', 'mentalHealth', 'yorisoi']),
  number: z.string(),
  group: z.enum(['emergency', 'consult']),
  free: z.boolean(),
  alwaysOpen: z.boolean(),
  windows: z.array(
    z.object({
      days: z.enum(['weekdays', 'everyday']),
      from: z.string().regex(/^\d{2}:\d{2}$/),
      to: z.string().regex(/^\d{2}:\d{2}$/),
    }),
  ),
  closedYearEnd: z.boolean(),
  hoursVary: z.boolean(),
  openNow: z.boolean(),
});
export type HelplineItem = z.infer<typeof HelplineItem>;
export const HelplineList = listResponse(HelplineItem).extend({
  /** The instant `openNow` was computed for. */
  asOf: z.string(),
});
export type HelplineList = z.infer<typeof HelplineList>;
