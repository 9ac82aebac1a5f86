import { getRouteApi } from '@tanstack/react-router';
import { CaseloadPage } from './CaseloadPage.tsx';
import { ConsentsPage } from './ConsentsPage.tsx';
import { ConsultationDetailPage, ConsultationQueuePage } from './ConsultationPages.tsx';
import { SupportImportPage } from './ImportPage.tsx';
import { IntakePage } from './IntakePage.tsx';
import { MeasuresPage } from './MeasuresPage.tsx';
import { PersonEditPage } from './PersonEditPage.tsx';
import { PersonsPage } from './PersonsPage.tsx';
import { PlanEditPage } from './PlanPages.tsx';
import { PlanPrintPage } from './PlanPrintPage.tsx';
import { RecordPrintPage } from './PrintPage.tsx';

/** Staff pages of issue 6 (consultation queue, support records). */
const consultationApi = getRouteApi('/console/consultations/$id');

export function ConsultationQueueRoute() {
  return <ConsultationQueuePage />;
}

export function ConsultationDetailRoute() {
  const { id } = consultationApi.useParams();
  return <ConsultationDetailPage key={id} id={id} />;
}

const planApi = getRouteApi('/console/support/persons/$id/plan');
const planPrintApi = getRouteApi('/console/support/persons/$id/plans/$planId/print');

export function PlanEditRoute() {
  const { id } = planApi.useParams();
  return <PlanEditPage key={id} id={id} />;
}

export function PlanPrintRoute() {
  const { id, planId } = planPrintApi.useParams();
  return <PlanPrintPage key={planId} id={id} planId={planId} />;
}

export function CaseloadRoute() {
  return <CaseloadPage />;
}

// Support records beyond the first journey (issue 6 Deliver list).
const editApi = getRouteApi('/console/support/persons/$id/edit');
const intakeApi = getRouteApi('/console/support/persons/$id/intake');
const consentsApi = getRouteApi('/console/support/persons/$id/consents');
const measuresApi = getRouteApi('/console/support/persons/$id/measures');

export function PersonsRoute() {
  return <PersonsPage />;
}

export function PersonEditRoute() {
  const { id } = editApi.useParams();
  return <PersonEditPage key={id} id={id} />;
}

export function IntakeRoute() {
  const { id } = intakeApi.useParams();
  return <IntakePage key={id} id={id} />;
}

export function ConsentsRoute() {
  const { id } = consentsApi.useParams();
  return <ConsentsPage key={id} id={id} />;
}

export function MeasuresRoute() {
  const { id } = measuresApi.useParams();
  return <MeasuresPage key={id} id={id} />;
}

export function SupportImportRoute() {
  return <SupportImportPage />;
}

const recordPrintApi = getRouteApi('/console/support/persons/$id/print');

export function RecordPrintRoute() {
  const { id } = recordPrintApi.useParams();
  const search = recordPrintApi.useSearch();
  return <RecordPrintPage key={id} id={id} search={search} />;
}
