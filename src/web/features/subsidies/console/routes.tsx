import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { hasPermission } from '../../../../shared/permissions.ts';
import { meQuery } from '../../../api/me.ts';
import { ApplyPage } from '../ApplyPage.tsx';
import { ClaimsPage } from './ClaimsPage.tsx';
import { DetailPage } from './DetailPage.tsx';
import { NoticePage } from './NoticePage.tsx';
import { ProgrammePage } from './ProgrammePage.tsx';
import { QueuePage } from './QueuePage.tsx';

/** Console pages of request 4 (one chunk, loaded only by staff who open the section). */
const detailApi = getRouteApi('/console/subsidies/applications/$id');
const noticeApi = getRouteApi('/console/subsidies/applications/$id/notice');

export function SubsidyQueueRoute() {
  const me = useQuery(meQuery());
  const roles = me.data?.account.roles.map((r) => r.role) ?? [];
  return <QueuePage canConfirm={hasPermission(roles, 'subsidies.confirm')} />;
}

export function SubsidyClaimsRoute() {
  return <ClaimsPage />;
}

export function SubsidyDetailRoute() {
  const { id } = detailApi.useParams();
  return <DetailPage key={id} id={id} />;
}

export function SubsidyNoticeRoute() {
  const { id } = noticeApi.useParams();
  return <NoticePage id={id} />;
}

export function SubsidyProgrammeRoute() {
  const me = useQuery(meQuery());
  const roles = me.data?.account.roles.map((r) => r.role) ?? [];
  return <ProgrammePage canEdit={hasPermission(roles, 'subsidies.manage')} />;
}

/** `/console/subsidies/new`: the same three steps as the public form, entered with the person at the counter. */
export function SubsidyCounterRoute() {
  const me = useQuery(meQuery());
  const tenant = me.data?.account.roles.find((r) => r.tenant)?.tenant;
  return tenant ? <ApplyPage code={tenant} staff /> : null;
}
