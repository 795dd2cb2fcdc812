import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** A node:http server on 127.0.0.1 that can be closed even while requests hang (timeout faults). */
export interface LocalServer {
  readonly port: number;
  readonly origin: string;
  close(): Promise<void>;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** A WebSocket upgrade (the fake Discord gateway); without one, upgrades are refused. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export async function listenLocal(handler: RequestHandler, port = 0, onUpgrade?: UpgradeHandler): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      // A bug in the fake must surface as a loud 500, never as a hung client.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({ message: `fake server error: ${error instanceof Error ? error.stack : String(error)}` }),
        );
      } else {
        res.destroy();
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (onUpgrade) onUpgrade(req, socket, head);
    else socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the fake server has no TCP address');
  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Already serialised; undefined for 204/304. */
  body?: string;
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(reply.body));
  }
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** Query string to a plain record; a repeated key keeps its last value, like GitHub and Discord. */
/** A request as both fakes read it: the body parsed as JSON when it is not empty (`badJson` when it is not JSON). */
export interface ReadRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  badJson: boolean;
}

export async function readJsonRequest(req: IncomingMessage, origin: string): Promise<ReadRequest> {
  const url = new URL(req.url ?? '/', origin);
  const text = (await readBody(req)).toString('utf8');
  let body: unknown;
  let badJson = false;
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
      badJson = true;
    }
  }
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: queryRecord(url.searchParams),
    body,
    badJson,
  };
}

export function queryRecord(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = value;
  return out;
}
