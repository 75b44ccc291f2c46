// The language server in a web worker (VS Code for the Web): the same core, no file system.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp/server';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
// A message to ourselves yields to the worker's event loop sooner than setTimeout's clamped delay.
channel.port1.onmessage = () => waiting.shift()?.();
startServer(connection, {
  yieldNow: () => new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  }),
});
