// The core entry points the benchmark measures, bundled exactly as the server bundles them.
import { analyze } from '../server/src/core/analyze';
import { Catalog } from '../server/src/core/catalog/catalog';
import { scan } from '../server/src/core/scan/scanner';

export function loadCatalog(json: string): Catalog {
  return new Catalog(JSON.parse(json));
}
export { analyze, scan };
