import {
  cometReply,
  continueOfflineReply,
  plateReply,
  readHeartbeat,
  readPlatePush,
} from '../src/camera-protocol';
import { encodeLedText } from '../src/led-text';
import { decodeBase64, platePush } from './support/camera';

const OPTIONS = { serialChannel: 0, encoding: 'gbk' as const, openPulse: false };

describe('camera protocol (lpr-camera-push.md)', () => {
  describe('reading a push', () => {
    it('reads the documented example', () => {
      const push = readPlatePush(
        platePush({ serial: 'a1b2c3d4-e5f6', plate: '粤B12345', plateid: 21085, sec: 1686299994 }),
      );

      expect(push).toEqual({
        serial: 'a1b2c3d4-e5f6',
        recordId: 21085,
        cameraSec: 1686299994,
        plate: '粤B12345',
        confidence: 96,
        cachedByCamera: false,
      });
    });

    it.each([['_无_'], ['无牌车'], ['']])('reads %p as a car without a plate', (license) => {
      const push = readPlatePush(platePush({ serial: 's', plate: license, plateid: 1, sec: 1 }));

      expect(push?.plate).toBeNull();
    });

    it('keeps a misread like 粤B1234 as a read, not as a car without a plate', () => {
      const push = readPlatePush(platePush({ serial: 's', plate: '粤B1234', plateid: 1, sec: 1 }));

      expect(push?.plate).toBe('粤B1234');
    });

    it('reads isoffline: 1 as a record the camera cached', () => {
      const push = readPlatePush(
        platePush({ serial: 's', plate: '粤B12345', plateid: 2, sec: 1, isoffline: 1 }),
      );

      expect(push?.cachedByCamera).toBe(true);
    });

    it('drops the images: nothing of them is in what is kept (U-6.2)', () => {
      const push = readPlatePush(
        platePush({ serial: 's', plate: '粤B12345', plateid: 3, sec: 1, withImages: true }),
      );

      expect(JSON.stringify(push)).not.toContain('imageFile');
    });

    // camera-clock.ts puts the receive time in place of a time like these, so the car is
    // decided and recorded; refusing the push here would keep the barrier shut for good.
    it.each([['abc'], [-5], [1e20], [Number.NaN], [null], ['missing']])(
      'reads a push with the unusable Timeval.sec %p, with no camera time',
      (sec) => {
        const body = platePush({ serial: 's', plate: '粤B12345', plateid: 4, sec: 0 });
        const timeval: Record<string, unknown> =
          body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval;
        if (sec === 'missing') delete timeval.sec;
        else timeval.sec = sec;

        expect(readPlatePush(body)).toMatchObject({
          recordId: 4,
          plate: '粤B12345',
          cameraSec: null,
        });
      },
    );

    it('reads a push without any timeStamp, with no camera time', () => {
      const body = platePush({ serial: 's', plate: '粤B12345', plateid: 5, sec: 0 });
      const result: Record<string, unknown> = body.AlarmInfoPlate.result.PlateResult;
      delete result.timeStamp;

      expect(readPlatePush(body)).toMatchObject({ recordId: 5, cameraSec: null });
    });

    it('reads a numeric string Timeval.sec as the time it names', () => {
      const body = platePush({ serial: 's', plate: '粤B12345', plateid: 6, sec: 0 });
      const timeval: Record<string, unknown> =
        body.AlarmInfoPlate.result.PlateResult.timeStamp.Timeval;
      timeval.sec = '1686299994';

      expect(readPlatePush(body)?.cameraSec).toBe(1686299994);
    });

    it.each([
      [{}],
      [{ AlarmInfoPlate: { serialno: 's' } }],
      [{ AlarmInfoPlate: { serialno: 's', result: { PlateResult: 'x' } } }],
      [{ AlarmInfoPlate: { serialno: 's', result: { PlateResult: { license: '粤B12345' } } } }],
      ['text'],
      [null],
    ])('answers undefined for %j', (body) => {
      expect(readPlatePush(body)).toBeUndefined();
    });
  });

  describe('reading a comet poll', () => {
    it('reads the serial number from the form', () => {
      const form = 'device_name=IVS&ipaddr=192.168.1.100&port=80&serialno=a1b2c3d4-e5f6';

      expect(readHeartbeat(form, 'application/x-www-form-urlencoded')).toBe('a1b2c3d4-e5f6');
    });

    it('reads it from JSON too', () => {
      expect(readHeartbeat('{"heartbeat":{"serialno":"x9"}}', 'application/json')).toBe('x9');
    });
  });

  describe('replies', () => {
    it('opens with info "ok", the same plateid, GBK LED text and UTF-8 voice', () => {
      const reply = plateReply(
        21085,
        { open: true, display: ['粤B12345', '欢迎光临'], voice: '粤B12345，欢迎光临' },
        OPTIONS,
      ).Response_AlarmInfoPlate as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read field by field

      expect(reply.info).toBe('ok');
      expect(reply.plateid).toBe(21085);
      expect(decodeBase64(reply.serialData[0].data, 'gbk')).toBe('粤B12345\n欢迎光临');
      expect(reply.serialData[0].dataLen).toBe(
        Buffer.from(reply.serialData[0].data, 'base64').length,
      );
      expect(reply.playserver_json_request).toEqual({
        type: 'ps_voice_play',
        voice: Buffer.from('粤B12345，欢迎光临').toString('base64'),
      });
    });

    it('keeps the barrier closed with anything but "ok"', () => {
      const reply = plateReply(7, { open: false, display: ['请扫码缴费'], voice: '' }, OPTIONS);

      expect(reply.Response_AlarmInfoPlate.info).toBe('no');
    });

    it('asks for the next cached record without opening', () => {
      expect(continueOfflineReply(21085)).toEqual({
        Response_AlarmInfoPlate: { ContinuePushOffline: { plateid: 21085, continue: 1 } },
      });
    });

    it('opens once or reads again in the reply to a comet poll', () => {
      expect(cometReply('open')).toEqual({ Response_AlarmInfoPlate: { info: 'ok' } });
      expect(cometReply('trigger')).toEqual({ Response_AlarmInfoPlate: { manualTrigger: 'ok' } });
      expect(cometReply(undefined).Response_AlarmInfoPlate).not.toHaveProperty('info', 'ok');
    });
  });

  describe('LED text', () => {
    it('encodes Chinese in GBK (粤 is D4 C1)', () => {
      expect(encodeLedText('粤B', 'gbk')).toEqual(Buffer.from([0xd4, 0xc1, 0x42]));
    });
  });
});
