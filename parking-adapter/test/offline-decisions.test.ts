import { OfflineDecisions, type OfflineRules } from '../src/offline-decisions';

const RULES: OfflineRules = {
  generatedAt: '2025-01-01T00:00:00.000Z',
  lots: [
    {
      lotId: 'lot-1',
      hashKey: Buffer.alloc(32, 1).toString('base64'),
      unknownEntry: 'open',
      gates: [
        { cameraSerial: 'CAM-IN', direction: 'entry' },
        { cameraSerial: 'CAM-OUT', direction: 'exit' },
      ],
      passes: [],
      paid: [],
    },
  ],
};

describe('deciding alone (issue #7) a read that is not a plate (lpr-camera-push.md)', () => {
  const decisions = new OfflineDecisions();
  decisions.use(RULES);
  const now = Math.floor(Date.now() / 1000);

  it.each([['CAM-IN'], ['CAM-OUT']])(
    'keeps %s closed for the misread 粤B1234 and says the plate was not recognised (C-4.2.2.6)',
    (serial) => {
      expect(decisions.decide(serial, '粤B1234', now)).toEqual({
        open: false,
        reason: 'unreadable',
        display: ['车牌识别失败', '请稍候'],
        voice: '车牌识别失败，请稍候',
      });
    },
  );

  it('asks a car without plates ("_无_", read as null) to scan the QR code', () => {
    expect(decisions.decide('CAM-IN', null, now)).toMatchObject({
      open: false,
      reason: 'no-plate-entry',
      voice: '无牌车请扫码入场',
    });
  });
});
