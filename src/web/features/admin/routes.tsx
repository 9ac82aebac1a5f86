import { getRouteApi } from '@tanstack/react-router';
import { AccountDetailPage } from './AccountDetailPage.tsx';
import { AccountsListPage } from './AccountsListPage.tsx';

/** Route components that read their URL (search, params) and hand it to the page as props. */
const accountsApi = getRouteApi('/console/admin/accounts');
const accountApi = getRouteApi('/console/admin/accounts/$id');

export function AccountsListRoute() {
  const search = accountsApi.useSearch();
  return <AccountsListPage filter={search} />;
}

export function AccountDetailRoute() {
  const { id } = accountApi.useParams();
  const { created } = accountApi.useSearch();
  // A new key per account: state (forms, dialogs) never carries over from another account.
  return <AccountDetailPage key={id} id={id} created={created === true} />;
}
