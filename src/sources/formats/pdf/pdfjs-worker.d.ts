/**
 * pdf.js's worker module, imported for its side effect only: it registers
 * `globalThis.pdfjsWorker`, which makes pdf.js run its worker in this process.
 */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
