import { getRouteApi } from '@tanstack/react-router';
import { PlaceEditPage } from './console/PlaceEditPage.tsx';
import { PlacesListPage } from './console/PlacesListPage.tsx';
import { PlaceDetailPage } from './PlaceDetailPage.tsx';
import { PlacesSearchPage } from './PlacesSearchPage.tsx';
import { municipalityOf } from './search.ts';

/** Route components that read their URL and hand it to the page as props. */
const searchApi = getRouteApi('/public/places');
const detailApi = getRouteApi('/public/places/$id');
const adminListApi = getRouteApi('/console/places');
const adminPlaceApi = getRouteApi('/console/places/$id');

export function PlacesSearchRoute() {
  const { view, municipality, ...search } = searchApi.useSearch();
  const code = municipalityOf(municipality);
  return (
    <PlacesSearchPage
      search={{ ...search, ...(code ? { municipality: code } : {}) }}
      view={view === 'map' ? 'map' : 'list'}
    />
  );
}

export function PlaceDetailRoute() {
  const { id } = detailApi.useParams();
  return <PlaceDetailPage key={id} id={id} />;
}

export function PlacesAdminListRoute() {
  return <PlacesListPage filter={adminListApi.useSearch()} />;
}

export function PlacesStaleRoute() {
  return <PlacesListPage filter={{}} stale />;
}

export function PlaceNewRoute() {
  return <PlaceEditPage id={null} />;
}

export function PlaceAdminRoute() {
  const { id } = adminPlaceApi.useParams();
  return <PlaceEditPage key={id} id={id} />;
}
