import { getRouteApi } from '@tanstack/react-router';
import { ContractHelpPage } from './ContractHelpPage.tsx';
import { ReplyPage } from './ReplyPage.tsx';
import { ReportFormPage } from './ReportFormPage.tsx';
import { ReportStartPage } from './ReportStartPage.tsx';

/**
 * Public pages of request 10 (their own chunk: no staff code is loaded on a phone). Route components
 * read their URL and hand it to the page as props.
 */
const formApi = getRouteApi('/public/m/$code/report');

export function ReportFormRoute() {
  const { code } = formApi.useParams();
  return <ReportFormPage key={code} code={code} />;
}

export function ReplyRoute() {
  return <ReplyPage />;
}

export function ContractHelpRoute() {
  return <ContractHelpPage />;
}

export function ReportStartRoute() {
  return <ReportStartPage />;
}
