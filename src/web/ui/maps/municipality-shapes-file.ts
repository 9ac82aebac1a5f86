import { useEffect, useState } from 'react';
import type { Topology } from 'topojson-specification';
import municipalitiesUrl from './municipalities-designated-city-merged.topojson.json?url';
import { type MunicipalityShape, shapesFromTopology } from './municipality-shapes.ts';

let loading: Promise<MunicipalityShape[]> | null = null;

/** The boundary file, fetched from this server (never the internet) once per page load. */
export function loadMunicipalityShapes(): Promise<MunicipalityShape[]> {
  loading ??= fetch(municipalitiesUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`boundaries: ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then(shapesFromTopology)
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The shapes once loaded (null before), and whether loading failed. */
export function useMunicipalityShapes(enabled = true) {
  const [shapes, setShapes] = useState<MunicipalityShape[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadMunicipalityShapes()
      .then((s) => live && setShapes(s))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [enabled]);
  return { shapes, failed };
}
