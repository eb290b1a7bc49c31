import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleAdmin, type AdminDeps } from './admin/admin.js';
import { handleApiCall, send, type PipelineDeps } from './core/pipeline.js';

// The one HTTP endpoint of the local cloud. It never crashes on bad input: an oversized or malformed
// request gets an error answer and the server keeps serving.

export function createLocalCloudServer(pipeline: PipelineDeps, admin: AdminDeps, maxBodyBytes: number): Server {
  const server = createServer((req, res) => {
    void serve(req, res, pipeline, admin, maxBodyBytes);
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
  maxBodyBytes: number,
): Promise<void> {
  try {
    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') {
      const fc = (req.url ?? '').startsWith('/2023-03-30/');
      send(
        res,
        fc ? 400 : 413,
        fc
          ? { Code: 'EntityTooLarge', Message: `payload size exceeds maximum allowed size (${maxBodyBytes} bytes)` }
          : { Code: 'RequestEntityTooLarge', Message: `The request body exceeds ${maxBodyBytes} bytes.` },
        { connection: 'close' },
      );
      return;
    }
    if ((req.url ?? '').startsWith('/_emulator/')) await handleAdmin(req, res, body, admin);
    else await handleApiCall(req, res, body, pipeline);
  } catch (error) {
    pipeline.onInternalError?.(error);
    if (!res.headersSent)
      send(res, 500, { Code: 'InternalError', Message: 'The local cloud failed to process the request.' });
    else res.destroy();
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
