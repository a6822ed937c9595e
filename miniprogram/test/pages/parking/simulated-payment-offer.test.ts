import { installFetch, runAs } from '../../support/platform-env';
import { resetWechat, wechat } from '../../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../../support/taro-double').taroModule);

type ParkingApi = typeof import('../../../src/pages/parking/parking-api');

/** A fresh module each time: the page asks the server once per load and keeps the answer. */
function loadParkingApi(): ParkingApi {
  let loaded: ParkingApi | undefined;
  jest.isolateModules(() => {
    loaded = jest.requireActual<ParkingApi>('../../../src/pages/parking/parking-api');
  });
  return loaded as ParkingApi;
}

describe('the simulated payment offer on the parking page (C-4.2.2.6)', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('is never offered, and the server is not asked', async () => {
      await expect(loadParkingApi().isSimulatedPaymentOffered()).resolves.toBe(false);
      expect(wechat.requests).toEqual([]);
    });
  });

  describe('in the browser (h5)', () => {
    beforeEach(() => runAs('h5'));

    it('is offered when the development server says so, asking once', async () => {
      const calls = installFetch(() => ({ status: 200, body: { simulatedPayment: true } }));
      const parkingApi = loadParkingApi();

      await expect(parkingApi.isSimulatedPaymentOffered()).resolves.toBe(true);
      await expect(parkingApi.isSimulatedPaymentOffered()).resolves.toBe(true);
      expect(calls.map((call) => call.url)).toEqual(['/v1/dev/info']);
    });

    it('is not offered by a server without the dev routes (404), as in production', async () => {
      installFetch(() => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'x' } } }));

      await expect(loadParkingApi().isSimulatedPaymentOffered()).resolves.toBe(false);
    });

    it('is not offered when the server cannot be reached', async () => {
      installFetch(() => 'network-error');

      await expect(loadParkingApi().isSimulatedPaymentOffered()).resolves.toBe(false);
    });

    it('pays through the dev route with no body fields and no session', async () => {
      const calls = installFetch(() => ({ status: 200, body: { orderId: 'PK1', status: 'paid' } }));

      await expect(loadParkingApi().simulatePayment('PK1')).resolves.toEqual({
        orderId: 'PK1',
        status: 'paid',
      });
      expect(calls).toEqual([
        expect.objectContaining({
          url: '/v1/dev/parking/orders/PK1/simulate-payment',
          method: 'POST',
          body: {},
        }),
      ]);
      expect(calls[0].headers.Authorization).toBeUndefined();
    });
  });
});
