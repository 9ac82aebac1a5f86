import { getRouteApi } from '@tanstack/react-router';
import { CaseloadPage } from './CaseloadPage.tsx';
import { ConsultationDetailPage, ConsultationQueuePage } from './ConsultationPages.tsx';
import { PersonPage } from './PersonPage.tsx';
import { PlanEditPage, PlanPrintPage } from './PlanPages.tsx';

/** Staff pages of issue 6 (consultation queue, support records). */
const consultationApi = getRouteApi('/console/consultations/$id');
const personApi = getRouteApi('/console/support/persons/$id');

export function ConsultationQueueRoute() {
  return <ConsultationQueuePage />;
}

export function ConsultationDetailRoute() {
  const { id } = consultationApi.useParams();
  return <ConsultationDetailPage key={id} id={id} />;
}

export function PersonRoute() {
  const { id } = personApi.useParams();
  return <PersonPage key={id} id={id} />;
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
