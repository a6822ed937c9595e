/** Pushes in the documented shape (lpr-camera-push.md), as a Vzenith-style camera sends them. */
export interface PushOptions {
  serial: string;
  plate: string;
  plateid: number;
  sec: number;
  isoffline?: 0 | 1;
  withImages?: boolean;
}

export function platePush(options: PushOptions) {
  const local = new Date((options.sec + 8 * 3600) * 1000);
  return {
    AlarmInfoPlate: {
      channel: 0,
      deviceName: 'IVS',
      ipaddr: '192.168.1.100',
      serialno: options.serial,
      result: {
        PlateResult: {
          license: options.plate,
          colorType: 1,
          type: 1,
          confidence: 96,
          direction: 0,
          plateid: options.plateid,
          isoffline: options.isoffline ?? 0,
          timeStamp: {
            Timeval: {
              sec: options.sec,
              usec: 687772,
              decyear: local.getUTCFullYear(),
              decmon: local.getUTCMonth() + 1,
              decday: local.getUTCDate(),
              dechour: local.getUTCHours(),
              decmin: local.getUTCMinutes(),
              decsec: local.getUTCSeconds(),
            },
          },
          ...(options.withImages
            ? { imageFile: Buffer.alloc(2048, 7).toString('base64'), imageFragmentFile: 'AAAA' }
            : {}),
        },
      },
    },
  };
}

export async function push(adapterUrl: string, body: unknown) {
  const started = performance.now();
  const response = await fetch(`${adapterUrl}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { Response_AlarmInfoPlate: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- replies are read field by field
  return {
    status: response.status,
    reply: json.Response_AlarmInfoPlate,
    ms: performance.now() - started,
  };
}

/** The camera's comet poll: a form with its name, address and serial number. */
export async function cometPoll(adapterUrl: string, serial: string) {
  const response = await fetch(`${adapterUrl}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ device_name: 'IVS', ipaddr: '192.168.1.100', serialno: serial }),
  });
  return ((await response.json()) as { Response_AlarmInfoPlate: Record<string, unknown> })
    .Response_AlarmInfoPlate;
}

export function decodeBase64(text: string, encoding: 'utf8' | 'gbk' = 'utf8'): string {
  const bytes = Buffer.from(text, 'base64');
  return encoding === 'gbk' ? new TextDecoder('gbk').decode(bytes) : bytes.toString('utf8');
}

export function unixNow(offsetSeconds = 0): number {
  return Math.floor(Date.now() / 1000) + offsetSeconds;
}
