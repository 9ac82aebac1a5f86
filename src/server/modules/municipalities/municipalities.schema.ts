import { z } from 'zod';
import {
  ConsultationNumber,
  DepartmentContact,
  MUNICIPALITIES_FIELD,
} from '../../../shared/contracts/municipalities.ts';
import { MunicipalityCode, PrefectureCode } from '../../../shared/municipality-code.ts';
import { fieldMessage } from '../../../shared/text/field-message.ts';
import { listQueryShape } from '../../platform/http/list.ts';

/** What only the server reads; the answers and the contacts are in src/shared/contracts/municipalities.ts. */
export const MunicipalityListQuery = z.strictObject({
  prefecture: PrefectureCode.optional(),
  q: z.string().trim().max(50).optional(),
  kind: z.enum(['municipality', 'ward', 'prefecture', 'all']).default('municipality'),
  ...listQueryShape,
});
export type MunicipalityListQuery = z.infer<typeof MunicipalityListQuery>;

export const MunicipalityParams = z.strictObject({ code: MunicipalityCode });

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
