import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin, type AdminDeps } from './admin/admin.js';
import { readBody, writeAnswer } from './core/http.js';
import type { PipelineDeps } from './pipeline/deps.js';
import { handleApiCall } from './pipeline/pipeline.js';

// The one HTTP endpoint of the local cloud. It never crashes on bad input: an oversized or malformed
// request gets an error answer and the server keeps serving; a client that leaves mid-request is let go.

export function createLocalCloudServer(pipeline: PipelineDeps, admin: AdminDeps): Server {
  const server = createServer((req, res) => {
    void serve(req, res, pipeline, admin);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  // The SDKs keep connections alive; keep-alive sockets must not hold close() forever.
  server.keepAliveTimeout = 5_000;
  return server;
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  pipeline: PipelineDeps,
  admin: AdminDeps,
): Promise<void> {
  try {
    const read = await readBody(req, pipeline.options.maxBodyBytes);
    if (!read.ok && read.reason === 'aborted') {
      res.destroy();
      return;
    }
    const body = read.ok ? read.body : 'too-large';
    if ((req.url ?? '').startsWith('/_emulator/')) await handleAdmin(req, res, body, admin);
    else await handleApiCall(req, res, body, pipeline);
  } catch (error) {
    pipeline.onInternalError?.(error);
    if (!res.headersSent) {
      writeAnswer(res, {
        status: 500,
        json: { Code: 'InternalError', Message: 'The local cloud failed to process the request.' },
      });
    } else res.destroy();
  }
}
