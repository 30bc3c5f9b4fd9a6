/** Helpers for the serve tests: raw HTTP requests (paths sent exactly as written) and an SSE client. */
import http from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, type ServeHandle, type ServeOptions } from '../../src/serve/serve.js';
import { exampleProject } from '../helpers/project.js';

export const OUTLINE = 'outlines/ussr-japan-1925.yaml';
export const DECK = 'ussr-japan-1925.html';

export interface Started {
  dir: string;
  handle: ServeHandle;
  port: number;
  log: string[];
  outline: string;
  /** Replace text in a project file (must occur). */
  edit(rel: string, from: string, to: string): Promise<void>;
}

/** Serves a fresh copy of the example on a free port (quiet, no signal handlers). */
export async function startExample(options: Partial<ServeOptions> = {}, before?: (dir: string) => Promise<void>): Promise<Started> {
  const dir = await exampleProject();
  await before?.(dir);
  const log: string[] = [];
  const handle = await serve({ cwd: dir, port: 0, signals: false, log: (l) => log.push(l), ...options });
  const edit = async (rel: string, from: string, to: string) => {
    const file = path.join(dir, rel);
    const text = await readFile(file, 'utf8');
    if (!text.includes(from)) throw new Error(`"${from}" not in ${rel}`);
    await writeFile(file, text.replace(from, to));
  };
  return { dir, handle, port: handle.port ?? 0, log, outline: path.join(dir, OUTLINE), edit };
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with the path sent as is (fetch would normalize `..`). */
export function request(port: number, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface ServerEvent {
  event: string;
  data: unknown;
}

/** A Server-Sent Events client that records every event. */
export class EventClient {
  readonly events: ServerEvent[] = [];
  private listeners: Array<() => void> = [];
  private constructor(
    private readonly req: http.ClientRequest,
    readonly status: number,
  ) {}

  static connect(port: number, headers: Record<string, string> = {}): Promise<EventClient> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: '/__lectern/events', headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', ...headers }, agent: false },
        (res) => {
          const client = new EventClient(req, res.statusCode ?? 0);
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let event = 'message';
              const data: string[] = [];
              for (const line of block.split('\n')) {
                if (line.startsWith('event: ')) event = line.slice(7);
                else if (line.startsWith('data: ')) data.push(line.slice(6));
              }
              if (data.length) client.events.push({ event, data: JSON.parse(data.join('\n')) });
              client.listeners.forEach((l) => l());
            }
          });
          res.on('error', () => undefined);
          resolve(client);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  /** The first event of this type after `from` events (default: any recorded so far). */
  next<T = Record<string, unknown>>(event: string, options: { from?: number; timeout?: number } = {}): Promise<T> {
    const from = options.from ?? 0;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find((e) => e.event === event);
        if (!found) return false;
        this.listeners = this.listeners.filter((l) => l !== check);
        clearTimeout(timer);
        resolve(found.data as T);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== check);
        reject(new Error(`no "${event}" event; got ${JSON.stringify(this.events.map((e) => e.event))}`));
      }, options.timeout ?? 5000);
      if (!check()) this.listeners.push(check);
    });
  }

  close(): void {
    this.req.destroy();
  }
}
