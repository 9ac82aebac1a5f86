import { useParams } from '@tanstack/react-router';
import { NationalPage } from './NationalPage.tsx';
import { EnterForPage } from './PrefectureTools.tsx';
import { ReturnDetailPage, ReturnsPage } from './ReturnsPages.tsx';

/** Route components of the insights console (the map page is its own lazy chunk: MapPage.tsx). */
export const ReturnsRoute = () => <ReturnsPage />;
export function ReturnDetailRoute() {
  const { code, fiscalYear } = useParams({ from: '/console/returns/$code/$fiscalYear' });
  return <ReturnDetailPage code={code} fiscalYear={Number(fiscalYear)} />;
}
export const NationalRoute = () => <NationalPage />;
export function EnterForRoute() {
  const { code, fiscalYear } = useParams({ from: '/console/returns/$code/$fiscalYear/enter' });
  return <EnterForPage code={code} fiscalYear={Number(fiscalYear)} />;
}
