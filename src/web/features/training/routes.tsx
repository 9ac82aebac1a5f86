import { getRouteApi } from '@tanstack/react-router';
import { CertificatePage, StatementPage, TrainingRecordPage } from './pages.tsx';

/** Console pages: training record, printable certificate, a peer supporter's printable yearly statement. */
const certificateApi = getRouteApi('/console/training/certificates/$id');
const statementApi = getRouteApi('/console/peers/statement/$year');

export function TrainingRecordRoute() {
  return <TrainingRecordPage />;
}

export function CertificateRoute() {
  const { id } = certificateApi.useParams();
  return <CertificatePage key={id} id={id} />;
}

export function StatementRoute() {
  const { year } = statementApi.useParams();
  return <StatementPage key={year} year={Number(year)} />;
}

export {
  TrainingAdminPage as TrainingAdminRoute,
  TrainingRequirementsPage as TrainingRequirementsRoute,
} from './admin.tsx';
