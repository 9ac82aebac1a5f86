import { getRouteApi } from '@tanstack/react-router';
import { ApplyPage } from './ApplyPage.tsx';
import { StatusPage } from './StatusPage.tsx';

/** Public pages of request 4 (their own chunk: no staff code is loaded on a phone). */
const applyApi = getRouteApi('/public/m/$code/subsidy');

export function SubsidyApplyRoute() {
  const { code } = applyApi.useParams();
  return <ApplyPage key={code} code={code} />;
}

export function SubsidyStatusRoute() {
  return <StatusPage />;
}
