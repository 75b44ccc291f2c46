// @vscode/test-cli configuration for the integration suite (test/vscode). Run it through `npm run test:vscode`,
// which compiles the tests and finds a VS Code build first (scripts/test-vscode.mjs).
import { defineConfig } from '@vscode/test-cli';

const fromPath = process.env.VSCODE_TEST_EXECUTABLE;

export default defineConfig({
  label: 'integration',
  files: 'out/vscode-test/**/*.test.js',
  workspaceFolder: 'test/vscode/fixtures',
  ...(fromPath ? { useInstallation: { fromPath } } : { version: process.env.VSCODE_TEST_VERSION ?? 'stable' }),
  // Built-in extensions (Markdown preview, Log grammar) stay enabled; installed ones would only add noise.
  launchArgs: ['--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 30000, color: false },
});
