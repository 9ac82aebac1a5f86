import { getRouteApi } from '@tanstack/react-router';
import { OperatorDetailPage, OperatorsPage } from './OperatorsPage.tsx';
import { ProtectionBoardPage } from './ProtectionBoardPage.tsx';
import { ReportDetailPage } from './ReportDetailPage.tsx';
import { ReportsQueuePage } from './ReportsQueuePage.tsx';
import { StatisticsPage } from './StatisticsPage.tsx';

/** Staff pages of request 10 (triage, emergency protection, operators, statistics). */
const reportApi = getRouteApi('/console/reports/$id');
const operatorApi = getRouteApi('/console/operators/$id');

export function ReportsQueueRoute() {
  return <ReportsQueuePage />;
}

export function ReportDetailRoute() {
  const { id } = reportApi.useParams();
  return <ReportDetailPage key={id} id={id} />;
}

export function ProtectionBoardRoute() {
  return <ProtectionBoardPage />;
}

export function OperatorsRoute() {
  return <OperatorsPage />;
}

export function OperatorDetailRoute() {
  const { id } = operatorApi.useParams();
  return <OperatorDetailPage key={id} id={id} />;
}

export function StatisticsRoute() {
  return <StatisticsPage />;
}
