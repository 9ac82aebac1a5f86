import { getRouteApi } from '@tanstack/react-router';
import { ChooseTownPage } from './ChooseTownPage.tsx';
import { EmployerSheetPage } from './EmployerSheetPage.tsx';
import { NavigatorPage } from './NavigatorPage.tsx';

/** Public pages of issue 18 (their own chunk). */
const navigatorApi = getRouteApi('/public/m/$code/navigator');
const sheetApi = getRouteApi('/public/navigator/employer/$code');

export function NavigatorRoute() {
  const { code } = navigatorApi.useParams();
  return <NavigatorPage key={code} code={code} />;
}

export function EmployerSheetRoute() {
  const { code } = sheetApi.useParams();
  return <EmployerSheetPage key={code} code={code} />;
}

export function ChooseTownRoute() {
  return <ChooseTownPage />;
}

export { LocalPage as NavigatorLocalRoute } from './console/LocalPage.tsx';
export { RulesPage as NavigatorRulesRoute } from './console/RulesPage.tsx';
