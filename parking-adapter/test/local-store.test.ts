import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalStore } from '../src/local-store';

const SECRET = 'local-store-test-secret-0123456789';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('the adapter store file (S-5.1a: queued reads hold plates)', () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'adapter-store-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('creates the file, its -wal and its -shm readable by this user only (0600)', () => {
    const file = path.join(folder, 'data', 'parking-adapter.sqlite');
    const store = new LocalStore(file, SECRET);

    store.enqueue('CAM-IN-01:1:1700000000', {
      cameraSerial: 'CAM-IN-01',
      recordId: 1,
      occurredAt: 1700000000,
      plate: '粤B12345',
    });

    for (const part of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(part)).toBe(0o600);
    store.close();
  });

  it('narrows files an earlier version left readable to others', () => {
    const file = path.join(folder, 'parking-adapter.sqlite');
    new LocalStore(file, SECRET).close();
    for (const part of [file, `${file}-wal`, `${file}-shm`])
      if (fs.existsSync(part)) fs.chmodSync(part, 0o644);

    const store = new LocalStore(file, SECRET);

    expect(modeOf(file)).toBe(0o600);
    for (const part of [`${file}-wal`, `${file}-shm`])
      if (fs.existsSync(part)) expect(modeOf(part)).toBe(0o600);
    store.close();
  });

  it('keeps a dead letter once, with its error, and lists it without the plate', () => {
    const store = new LocalStore(path.join(folder, 'store.sqlite'), SECRET);
    const event = { cameraSerial: 'CAM-X', recordId: 7, occurredAt: 1700000000, plate: '粤B12345' };

    store.deadLetter('CAM-X:7:1700000000', event, 'PARKING_GATE_NOT_FOUND');
    store.deadLetter('CAM-X:7:1700000000', event, 'PARKING_GATE_NOT_FOUND');

    expect(store.deadLetters()).toEqual([
      expect.objectContaining({
        eventKey: 'CAM-X:7:1700000000',
        error: 'PARKING_GATE_NOT_FOUND',
        attempts: 1,
      }),
    ]);
    expect(JSON.stringify(store.deadLetters())).not.toContain('粤');
    expect(store.backlog()).toBe(0);
    expect(store.setAsideCount()).toBe(1);
    store.close();
  });
});
