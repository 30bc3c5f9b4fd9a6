/**
 * The little of citation-js and citeproc-js that Lectern uses, typed (neither
 * package ships declarations).
 */
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(input: string, options: { forceType: string; generateGraph?: boolean }): Array<Record<string, unknown>>;
    };
  };
  export const logger: { level: string; _log: unknown[] };
}

declare module '@citation-js/plugin-bibtex' {}
declare module '@citation-js/plugin-ris' {}

declare module 'citeproc' {
  interface CiteprocSys {
    retrieveLocale(lang: string): string | undefined;
    retrieveItem(id: string): unknown;
  }
  interface Citation {
    citationItems: Array<{ id: string; locator?: string; label?: string; prefix?: string; suffix?: string }>;
    properties: { noteIndex: number };
  }
  interface Engine {
    opt: { development_extensions: Record<string, unknown> };
    setOutputFormat(format: 'html' | 'text' | 'rtf'): void;
    updateItems(ids: string[]): void;
    updateUncitedItems(ids: string[]): void;
    appendCitationCluster(citation: Citation): Array<[number, string, string?]>;
    makeBibliography(): false | [{ entry_ids: string[][]; bibstart: string; bibend: string; bibliography_errors: unknown[] }, string[]];
    rebuildProcessorState(citations: unknown[], mode?: string, uncited?: string[]): unknown;
  }
  const CSL: { Engine: new (sys: CiteprocSys, style: string, lang?: string, forceLang?: boolean) => Engine };
  export default CSL;
}
