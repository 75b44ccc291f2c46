// Mocha's TDD functions, typed. The project installs no @types/mocha (its globals would clash with node:test types
// in the rest of the test tree); mocha defines these globals before it loads each test file.
type Body = () => unknown;
interface MochaGlobals {
  suite(title: string, body: () => void): void;
  test(title: string, body: Body): void;
  suiteSetup(body: Body): void;
  suiteTeardown(body: Body): void;
  setup(body: Body): void;
}
const mocha = () => globalThis as unknown as MochaGlobals;

export const suite = (title: string, body: () => void) => mocha().suite(title, body);
export const test = (title: string, body: Body) => mocha().test(title, body);
export const suiteSetup = (body: Body) => mocha().suiteSetup(body);
export const suiteTeardown = (body: Body) => mocha().suiteTeardown(body);
export const setup = (body: Body) => mocha().setup(body);
