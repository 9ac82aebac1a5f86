import { getRouteApi } from '@tanstack/react-router';
import { ConsultationFormPage, ConsultationReadPage } from './ConsultationPages.tsx';

/** Public pages of issue 6 (their own chunk: no staff code is loaded on a phone). */
const formApi = getRouteApi('/public/m/$code/consultation');
const readApi = getRouteApi('/public/m/$code/consultation/reply');

export function ConsultationFormRoute() {
  const { code } = formApi.useParams();
  const { topic } = formApi.useSearch();
  return <ConsultationFormPage key={code} code={code} topic={topic} />;
}

export function ConsultationReadRoute() {
  const { code } = readApi.useParams();
  return <ConsultationReadPage key={code} code={code} />;
}
