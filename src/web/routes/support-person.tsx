import { getRouteApi } from '@tanstack/react-router';
import { PersonAgencyLinks } from '../features/agencies/console/PersonLinks.tsx';
import { PersonPage } from '../features/support/console/PersonPage.tsx';

const personApi = getRouteApi('/console/support/persons/$id');

/**
 * `/console/support/persons/{id}`: the support feature's record page, with the referrals and rights
 * links of the agencies feature in its `links` slot. Two features meet here, at the composition root,
 * so neither imports the other (issue 20 item 2).
 */
export function SupportPersonRoute() {
  const { id } = personApi.useParams();
  return <PersonPage key={id} id={id} links={<PersonAgencyLinks personId={id} />} />;
}
