import { getRouteApi } from '@tanstack/react-router';
import { CancelByCodePage } from './CancelByCodePage.tsx';
import { EventEditPage } from './console/EventEditPage.tsx';
import { EventManagePage } from './console/EventManagePage.tsx';
import { EventsConsolePage } from './console/EventsConsolePage.tsx';
import { EventDetailPage } from './EventDetailPage.tsx';
import { EventsListPage } from './EventsListPage.tsx';
import { RegisterPage } from './RegisterPage.tsx';
import { RegistrationPage } from './RegistrationPage.tsx';
import type { EventsRouteSearch } from './search.ts';

/** Route components that read their URL and hand it to the page as props. */
const listApi = getRouteApi('/public/events');
const detailApi = getRouteApi('/public/events/$id');
const registerApi = getRouteApi('/public/events/$id/register');
const cancelApi = getRouteApi('/public/events/$id/cancel');
const manageApi = getRouteApi('/console/events/$id');

const code = (n: number | undefined, width: number) =>
  n === undefined ? undefined : String(n).padStart(width, '0');

export function EventsListRoute() {
  const { municipality, prefecture, ...rest }: EventsRouteSearch = listApi.useSearch();
  const m = code(municipality, 6);
  const p = code(prefecture, 2);
  return (
    <EventsListPage
      search={{ ...rest, ...(m ? { municipality: m } : {}), ...(p ? { prefecture: p } : {}) }}
    />
  );
}

export function EventDetailRoute() {
  const { id } = detailApi.useParams();
  return <EventDetailPage key={id} id={id} />;
}

export function EventCancelRoute() {
  const { id } = cancelApi.useParams();
  return <CancelByCodePage key={id} id={id} />;
}

export function EventRegisterRoute() {
  const { id } = registerApi.useParams();
  return <RegisterPage key={id} id={id} />;
}

export function EventRegistrationRoute() {
  return <RegistrationPage />;
}

export function EventsConsoleRoute() {
  return <EventsConsolePage />;
}

export function EventNewRoute() {
  return <EventEditPage id={null} />;
}

export function EventManageRoute() {
  const { id } = manageApi.useParams();
  return <EventManagePage key={id} id={id} />;
}
