/** Staff calls to the server's own admin API: the demo is set up the way staff would. */
export class AdminCalls {
  constructor(private readonly baseUrl: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
  post(token: string, route: string, body: unknown): Promise<any> {
    return this.call('POST', token, route, body);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field
  get(token: string, route: string): Promise<any> {
    return this.call('GET', token, route);
  }

  private async call(method: string, token: string, route: string, body?: unknown) {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = (await response.json()) as { error?: { code: string } };
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`demo set-up: ${route} answered ${response.status} ${answer.error?.code}`);
    return answer;
  }
}
