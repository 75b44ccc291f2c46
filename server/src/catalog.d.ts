// The compiled built-in catalog, embedded into each bundle by scripts/build.mjs.
declare module 'catalog:compiled' {
  import type { CompiledCatalog } from './core/types';
  const catalog: CompiledCatalog;
  export default catalog;
}
