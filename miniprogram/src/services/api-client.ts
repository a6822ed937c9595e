import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { apiBaseUrl } from './api-config';
import { clearSessionToken, readSessionToken } from './session';
import { sendRaw, type HttpMethod, type RawAnswer } from './transport';

export interface CallOptions {
  /** Send the member session token (the default for /v1/me/...). */
  auth?: boolean;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

function headersFor(method: HttpMethod, auth: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'DELETE') headers['Content-Type'] = 'application/json';

  const token = auth ? readSessionToken() : undefined;
  if (auth && !token) throw new ApiError('SESSION_REQUIRED', 401);
  if (token) headers.Authorization = `Bearer ${token}`;

  return headers;
}

function errorFrom(answer: RawAnswer): ApiError {
  const error = (answer.body as ErrorBody | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : CLIENT_ERROR_CODES.badAnswer;
  const serverMessage = typeof error?.message === 'string' ? error.message : undefined;

  return new ApiError(code, answer.status, serverMessage, error?.details);
}

/** /v1/me and below need the member session; /v1/members (sign-up) does not. */
function isMemberPath(path: string): boolean {
  return path === '/v1/me' || path.startsWith('/v1/me/');
}

/** One JSON call to the server; resolves with the answer body or throws an ApiError. */
export async function callApi<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<T> {
  const auth = options.auth ?? isMemberPath(path);
  const headers = headersFor(method, auth);
  let answer: RawAnswer;
  try {
    answer = await sendRaw({ method, url: `${apiBaseUrl()}${path}`, headers, body });
  } catch {
    throw new ApiError(CLIENT_ERROR_CODES.network);
  }

  if (answer.status >= 200 && answer.status < 300) return answer.body as T;

  const error = errorFrom(answer);
  if (error.status === 401 && auth) clearSessionToken();
  throw error;
}

export const api = {
  get: <T>(path: string, options?: CallOptions) => callApi<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: CallOptions) =>
    callApi<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: CallOptions) =>
    callApi<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: CallOptions) =>
    callApi<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: CallOptions) =>
    callApi<T>('DELETE', path, undefined, options),
};
