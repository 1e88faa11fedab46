import { Agent, request } from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent on the wire as it is: malformed `%` escapes and raw bytes (as latin1 characters) included. */
  path: string;
  headers?: Record<string, string | string[]>;
  /** Sent on any method, GET included, which `fetch` refuses to do. */
  body?: Buffer;
  /** Send the body with `Transfer-Encoding: chunked` instead of a Content-Length. */
  chunked?: boolean;
}

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const ANSWER_TIMEOUT_MS = 20_000;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One HTTP request over node:http, so a test can send what browsers and `fetch` never would. */
export async function rawRequest(baseUrl: string, input: RawRequest): Promise<RawReply> {
  try {
    return await send(baseUrl, input);
  } catch (error) {
    // A kept-alive socket the server closed as idle just as this request went out: the server never read the
    // request, so sending it again on a fresh socket is safe (Node's documented remedy).
    if ((error as StaleSocketError).staleSocket) return send(baseUrl, input, false);
    throw error;
  }
}

type StaleSocketError = Error & { staleSocket?: boolean };

function send(baseUrl: string, input: RawRequest, keepAlive = true): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        agent: keepAlive ? agent : false,
        host: url.hostname,
        port: url.port,
        method: input.method,
        path: input.path,
        headers: {
          ...input.headers,
          ...(input.body === undefined
            ? {}
            : input.chunked
              ? { 'transfer-encoding': 'chunked' }
              : { 'content-length': String(input.body.length) }),
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: StaleSocketError) => {
      const code = (error as NodeJS.ErrnoException).code;
      error.staleSocket = req.reusedSocket && !answered && (code === 'ECONNRESET' || code === 'EPIPE');
      reject(error);
    });
    // A request the server never answers is a failure of its own, not a test that hangs until vitest gives up.
    req.setTimeout(ANSWER_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${ANSWER_TIMEOUT_MS} ms`)));
    if (input.chunked && input.body) req.write(input.body);
    req.end(input.chunked ? undefined : input.body);
  });
}
