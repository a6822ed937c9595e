import { eventTimeOf } from '../src/camera-clock';

const NOW = 1_750_000_000;

describe('judging the camera time (design.md "Queued events": up to 72 h old)', () => {
  it.each([
    ['now', NOW],
    ['71 h 59 min ago', NOW - 72 * 3600 + 60],
    ['10 min ahead (allowed skew)', NOW + 600],
  ])('keeps a plausible camera time: %s', (_label, cameraSec) => {
    expect(eventTimeOf(cameraSec, NOW)).toEqual({ occurredAt: cameraSec, cameraClockOff: false });
  });

  it.each([
    ['0', 0],
    ['1e12', 1e12],
    ['now + 1 day', NOW + 86_400],
    ['72 h and 1 s ago', NOW - 72 * 3600 - 1],
    ['not a safe integer', Number.MAX_SAFE_INTEGER + 2],
  ])(
    'replaces an implausible camera time by the receive time, flagged: %s',
    (_label, cameraSec) => {
      expect(eventTimeOf(cameraSec, NOW)).toEqual({ occurredAt: NOW, cameraClockOff: true });
    },
  );

  it('uses the receive time, flagged, when the push had no usable camera time', () => {
    expect(eventTimeOf(null, NOW)).toEqual({ occurredAt: NOW, cameraClockOff: true });
  });
});
