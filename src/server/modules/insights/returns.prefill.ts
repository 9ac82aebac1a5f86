import type { ReturnSource, ReturnValue } from '../../../shared/contracts/insights.ts';
import type { Tx } from '../../platform/db/client.ts';
import { countFamilyClasses } from '../events/index.ts';
import { getPublicProfile } from '../municipalities/index.ts';
import { countPeerSupport } from '../peers/index.ts';
import { countPublishedPlaces } from '../places/index.ts';
import { countReportsReceived } from '../reports/index.ts';
import { countSubsidies } from '../subsidies/index.ts';
import { countSupportCases } from '../support/index.ts';
import { countTraining } from '../training/index.ts';

export type Prefill = Record<string, { value: ReturnValue; source: ReturnSource }>;

const from = (ja: string, en: string): ReturnSource => ({ ja, en });

/**
 * The figures the platform already knows for a municipality's return, each with where it comes from,
 * read through the other modules' exported read functions (never their tables). Runs in the
 * municipality's own transaction: row-level security shows its rows only.
 */
export async function prefillReturn(tx: Tx, tenant: string, fiscalYear: number): Promise<Prefill> {
  const out: Prefill = {};
  const profile = await getPublicProfile(tx, tenant);
  if (profile?.welfareContact) {
    const contact = profile.welfareContact;
    const source = from('自治体プロフィールの福祉の窓口から', 'from the welfare contact of the profile');
    out['window.exists'] = { value: true, source };
    out['window.department'] = { value: contact.department, source };
    out['window.phone'] = { value: contact.phone, source };
    if (contact.hours) out['window.hours'] = { value: contact.hours, source };
  }
  if (profile?.consultationNumbers?.length) {
    const first = profile.consultationNumbers[0]!;
    out['window.name'] = {
      value: first.label,
      source: from(
        `自治体プロフィールの相談電話 ${profile.consultationNumbers.length} 件から`,
        `from the ${profile.consultationNumbers.length} consultation number(s) of the profile`,
      ),
    };
    out['window.publicised'] = {
      value: true,
      source: from('公開ページに相談電話を掲載しているため', 'the public pages show the consultation number'),
    };
  }
  if (profile?.population) {
    const source = from('自治体プロフィールの人口から', 'from the population of the profile');
    out['population.total'] = { value: profile.population, source };
    if (profile.populationAsOf) out['population.asOf'] = { value: profile.populationAsOf, source };
  }

  const places = await countPublishedPlaces(tx, tenant);
  const placeSource = from(
    `公開中の居場所 ${places.total} 件（40〜64歳 ${places.age40to64} 件）から`,
    `from ${places.total} published place(s) (${places.age40to64} for ages 40–64)`,
  );
  out['places.total'] = { value: places.total, source: placeSource };
  out['places.youth'] = { value: places.youth, source: placeSource };
  out['places.working'] = { value: places.working, source: placeSource };
  out['places.age40to64'] = { value: places.age40to64, source: placeSource };

  const family = await countFamilyClasses(tx, tenant, fiscalYear);
  const familySource = from(
    `公開中の家族学習会 ${family.series} シリーズ・${family.sessions} 回の申込みから`,
    `from ${family.series} published family class series (${family.sessions} sessions) and their bookings`,
  );
  out['family.classSeries'] = { value: family.series, source: familySource };
  out['family.classSessions'] = { value: family.sessions, source: familySource };
  out['family.classAttendance'] = { value: family.attendance, source: familySource };

  const peers = await countPeerSupport(tx, tenant, fiscalYear);
  const peerSource = from(
    `ピアサポーター名簿（活動中 ${peers.active} 人）と承認済みの報酬請求から`,
    `from the peer supporter registry (${peers.active} active) and approved claims`,
  );
  out['peers.active'] = { value: peers.active, source: peerSource };
  out['peers.paid'] = { value: peers.paid, source: peerSource };
  out['peers.paidHours'] = { value: peers.paidHours, source: peerSource };

  const training = await countTraining(tx, tenant, fiscalYear);
  const trainingSource = from('研修の受講・修了記録から', 'from training enrolments and completions');
  out['training.courses'] = { value: training.courses, source: trainingSource };
  out['training.completions'] = { value: training.completions, source: trainingSource };

  const subsidies = await countSubsidies(tx, tenant, fiscalYear);
  const subsidySource = from(
    '交通費補助の交付決定と支払記録から',
    'from transport-subsidy grants and payments',
  );
  out['subsidy.programme'] = { value: subsidies.programme, source: subsidySource };
  out['subsidy.grants'] = { value: subsidies.grants, source: subsidySource };
  out['subsidy.amountPaid'] = { value: subsidies.amountPaid, source: subsidySource };

  const cases = await countSupportCases(tx, tenant, fiscalYear);
  const caseSource = from(
    `支援記録（年度内の新規 ${cases.newPersons} 人）から`,
    `from support records (${cases.newPersons} new in the year)`,
  );
  out['consultations.newPersons'] = { value: cases.newPersons, source: caseSource };
  out['consultations.active'] = { value: cases.active, source: caseSource };
  out['consultations.beyondThreeYears'] = { value: cases.beyondThreeYears, source: caseSource };

  const reports = await countReportsReceived(tx, tenant, fiscalYear);
  out['reports.harmful'] = {
    value: reports,
    source: from(
      `年度内に受け付けた通報 ${reports} 件から`,
      `from ${reports} report(s) received in the year`,
    ),
  };
  return out;
}
