import { getRouteApi } from '@tanstack/react-router';
import { BatchPage, PaymentsPage, PeerClaimsPage, PeerMePage, PeerRegistryPage } from './pages.tsx';

/** Console pages of issue 9: payment batches (finance), peer compensation (supporters and staff). */
const batchApi = getRouteApi('/console/payments/batches/$id');

export function PaymentsRoute() {
  return <PaymentsPage />;
}

export function BatchRoute() {
  const { id } = batchApi.useParams();
  return <BatchPage key={id} id={id} />;
}

export function PeerMeRoute() {
  return <PeerMePage />;
}

export function PeerClaimsRoute() {
  return <PeerClaimsPage />;
}

export function PeerRegistryRoute() {
  return <PeerRegistryPage />;
}
