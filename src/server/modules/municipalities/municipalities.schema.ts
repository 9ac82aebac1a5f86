import { z } from 'zod';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { listQueryShape, listResponse } from '../../platform/http/list.ts';
import { MUNICIPALITIES_FIELD } from './municipalities.errors.ts';

export const MunicipalityKind = z.enum(['prefecture', 'municipality', 'ward']);

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

export const MunicipalityListQuery = z.strictObject({
  prefecture: PrefectureCode.optional(),
  q: z.string().trim().max(50).optional(),
  kind: z.enum(['municipality', 'ward', 'prefecture', 'all']).default('municipality'),
  ...listQueryShape,
});
export type MunicipalityListQuery = z.infer<typeof MunicipalityListQuery>;

export const MunicipalityList = listResponse(MunicipalityItem);

export const MunicipalityParams = z.strictObject({ code: MunicipalityCode });

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

export const ConsultationNumber = z.strictObject({
  label: z.string().trim().min(1).max(100),
  phone: Phone,
  hours: z.string().trim().max(100).optional(),
  note: z.string().trim().max(200).optional(),
});

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

export const MunicipalityDetail = MunicipalityItem.extend({
  wards: z.array(MunicipalityItem),
  profile: PublicTenantProfile.nullable(),
});

export const PrefectureItem = z.object({
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  /** English (romaji) name: Yamanashi, Tokyo, Hokkaido. */
  nameRomaji: z.string(),
  tenantCode: z.string(),
});
export const PrefectureList = listResponse(PrefectureItem);

export const LOGO_MAX_BYTES = 256 * 1024;

/** PNG or JPEG only, recognised by its first bytes (a declared type is not trusted; SVG can carry script). */
export function sniffLogo(base64: string): 'image/png' | 'image/jpeg' | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > LOGO_MAX_BYTES) return null;
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** The logo printed on the tenant's documents (notices, plans). */
export const TenantLogo = z
  .strictObject({
    mediaType: z.enum(['image/png', 'image/jpeg']),
    base64: z
      .string()
      .max(Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { message: fieldMessage(MUNICIPALITIES_FIELD.logoBase64) }),
  })
  .refine((logo) => sniffLogo(logo.base64) === logo.mediaType, {
    message: fieldMessage(MUNICIPALITIES_FIELD.logoImage),
    path: ['base64'],
  });

/** The whole profile as its administrator edits it; `version` guards against lost updates. */
export const TenantProfile = PublicTenantProfile.extend({
  logo: z.object({ mediaType: z.string(), base64: z.string() }).nullable(),
  municipalityCode: z.string(),
  mfaRequiredForPersonalData: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const UpdateTenantProfileBody = z.strictObject({
  version: z.number().int().min(1),
  documentName: z.string().trim().max(200),
  population: z.number().int().min(0).max(50_000_000).nullable(),
  populationAsOf: z.iso.date().nullable(),
  welfareContact: DepartmentContact.nullable(),
  labourContact: DepartmentContact.nullable(),
  onCallContact: DepartmentContact.nullable(),
  consultationNumbers: z.array(ConsultationNumber).max(20),
  mfaRequiredForPersonalData: z.boolean(),
  /** Absent: unchanged; null: removed. */
  logo: TenantLogo.nullable().optional(),
});
export type UpdateTenantProfileBody = z.infer<typeof UpdateTenantProfileBody>;

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
export const HelplineList = listResponse(HelplineItem).extend({
  /** The instant `openNow` was computed for. */
  asOf: z.string(),
});
