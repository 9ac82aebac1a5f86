import { getRouteApi } from '@tanstack/react-router';
import { AgenciesPage } from './AgencyPages.tsx';
import { ConferencePage, ConferencesPage } from './ConferencePages.tsx';
import { DisclosurePage, DisclosurePrintPage } from './DisclosurePages.tsx';
import { InboxPage } from './InboxPage.tsx';
import { PersonReferralsPage, SharedReferralPage } from './ReferralPages.tsx';
import { RetentionPage, RightsPage } from './RightsPages.tsx';

/** Staff pages of issue 7 (agencies, referrals, conferences, the person's rights, retention). */
const personReferralsApi = getRouteApi('/console/support/persons/$id/referrals');
const personRightsApi = getRouteApi('/console/support/persons/$id/rights');
const sharedApi = getRouteApi('/console/agency/referrals/$id');
const conferenceApi = getRouteApi('/console/conferences/$id');
const disclosureApi = getRouteApi('/console/rights/disclosures/$id');
const disclosurePrintApi = getRouteApi('/console/rights/disclosures/$id/print');

export const AgenciesRoute = () => <AgenciesPage />;
export const InboxRoute = () => <InboxPage />;
export const ConferencesRoute = () => <ConferencesPage />;
export const RetentionRoute = () => <RetentionPage />;
export function PersonReferralsRoute() {
  const { id } = personReferralsApi.useParams();
  return <PersonReferralsPage key={id} id={id} />;
}
export function PersonRightsRoute() {
  const { id } = personRightsApi.useParams();
  return <RightsPage key={id} id={id} />;
}
export function SharedReferralRoute() {
  const { id } = sharedApi.useParams();
  return <SharedReferralPage key={id} id={id} />;
}
export function ConferenceRoute() {
  const { id } = conferenceApi.useParams();
  return <ConferencePage key={id} id={id} />;
}
export function DisclosureRoute() {
  const { id } = disclosureApi.useParams();
  return <DisclosurePage key={id} id={id} />;
}
export function DisclosurePrintRoute() {
  const { id } = disclosurePrintApi.useParams();
  return <DisclosurePrintPage key={id} id={id} />;
}
