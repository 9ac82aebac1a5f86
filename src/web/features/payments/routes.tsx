import { getRouteApi } from '@tanstack/react-router';
import { BatchPage } from './BatchPage.tsx';
import { PaymentsPage } from './PaymentsPage.tsx';
import { PeerClaimsPage } from './PeerClaimsPage.tsx';
import { PeerMePage } from './PeerMePage.tsx';
import { PeerRegistryPage } from './PeerRegistryPage.tsx';

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
