import { getRouteApi } from '@tanstack/react-router';
import { CaseDetailPage } from './CaseDetailPage.tsx';
import { CasesSearchPage } from './CasesSearchPage.tsx';
import { CaseEditPage } from './console/CaseEditPage.tsx';

/** Route components that read their URL and hand it to the page as props. */
const searchApi = getRouteApi('/public/cases');
const detailApi = getRouteApi('/public/cases/$id');
const staffApi = getRouteApi('/console/cases/$id');

export function CasesSearchRoute() {
  const search = searchApi.useSearch();
  return <CasesSearchPage key={JSON.stringify(search)} search={search} />;
}

export function CaseDetailRoute() {
  const { id } = detailApi.useParams();
  return <CaseDetailPage key={id} id={id} />;
}

export function CaseNewRoute() {
  return <CaseEditPage id={null} />;
}

export function CaseStaffRoute() {
  const { id } = staffApi.useParams();
  return <CaseEditPage key={id} id={id} />;
}

export { CasesConsolePage as CasesConsoleRoute } from './console/CasesConsolePage.tsx';
