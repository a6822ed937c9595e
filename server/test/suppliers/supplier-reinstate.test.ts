import type { RunningServer } from '../../src/server';
import { sendJson, type HttpAnswer } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { auditActions, dayFromToday } from './supplier-kit';
import { getJson, staffToken, startMemberServer } from '../members/member-kit';

describeEachDatabase('C-4.1.4b ending and reinstating a supplier', (database) => {
  let server: RunningServer;
  let officer: Record<string, string>;

  const post = (path: string, body: unknown): Promise<HttpAnswer> =>
    sendJson(server.url, 'POST', path, body, officer);
  const get = (path: string) => getJson(server, path, officer.Authorization.slice(7));
  const listed = async (code: string) =>
    (await get('/v1/admin/suppliers')).body.suppliers.find(
      (supplier: { code: string }) => supplier.code === code,
    );

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    officer = bearer(await staffToken(server, 'privacy-officer'));
    await post('/v1/admin/suppliers', {
      code: 'wechat-pay',
      name: '微信支付',
      purpose: '收银台付款',
      fields: ['transactions', 'wechat_openid'],
    });
    await post('/v1/admin/suppliers/wechat-pay/agreements', {
      reference: 'NDA-WX-1',
      signedOn: dayFromToday(-30),
      expiresOn: dayFromToday(335),
    });
    await post('/v1/admin/suppliers/wechat-pay/end', { reason: '暂停合作' });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('shows an ended supplier as "ended" in the listing and the single view, whatever its agreements', async () => {
    expect(await listed('wechat-pay')).toMatchObject({
      status: 'ended',
      agreementState: 'ended',
    });
    expect((await get('/v1/admin/suppliers/wechat-pay')).body.agreementState).toBe('ended');
  });

  it('reinstates an ended supplier registered again, keeping its old agreements as history', async () => {
    const again = await post('/v1/admin/suppliers', {
      code: 'wechat-pay',
      name: '微信支付（新合同）',
      purpose: '收银台和停车付款',
      fields: ['transactions'],
    });

    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      code: 'wechat-pay',
      name: '微信支付（新合同）',
      purpose: '收银台和停车付款',
      fields: ['transactions'],
      status: 'active',
      endedAt: null,
      endedBy: null,
      agreementState: 'valid',
      agreements: [{ reference: 'NDA-WX-1' }],
    });
    expect(await auditActions(server, 'wechat-pay')).toEqual([
      'supplier.register',
      'supplier.agreement',
      'supplier.end',
      'supplier.reinstate',
    ]);
    // Back under the gate with the fields it was reinstated for, and only those.
    const { register } = server.services.suppliers;
    await expect(
      register.assertSupplierMayReceive('wechat-pay', ['transactions']),
    ).resolves.toBeUndefined();
    await expect(
      register.assertSupplierMayReceive('wechat-pay', ['wechat_openid']),
    ).rejects.toMatchObject({ code: 'SUPPLIER_SCOPE_EXCEEDED' });
  });

  it('still refuses registering an active supplier again with SUPPLIER_ALREADY_REGISTERED', async () => {
    const twice = await post('/v1/admin/suppliers', {
      code: 'wechat-pay',
      name: 'x',
      purpose: 'x',
      fields: ['transactions'],
    });

    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SUPPLIER_ALREADY_REGISTERED');
  });

  it('needs a new agreement when the old one expired while the supplier was ended', async () => {
    await post('/v1/admin/suppliers', {
      code: 'old-sms',
      name: 's',
      purpose: 'p',
      fields: ['phone'],
    });
    await post('/v1/admin/suppliers/old-sms/agreements', {
      reference: 'NDA-OLD',
      signedOn: dayFromToday(-400),
      expiresOn: dayFromToday(-10),
    });
    await post('/v1/admin/suppliers/old-sms/end', { reason: '停用' });
    const back = await post('/v1/admin/suppliers', {
      code: 'old-sms',
      name: 's',
      purpose: 'p',
      fields: ['phone'],
    });
    const { register } = server.services.suppliers;

    expect(back.body).toMatchObject({ status: 'active', agreementState: 'expired' });
    await expect(register.assertSupplierMayReceive('old-sms', ['phone'])).rejects.toMatchObject({
      code: 'SUPPLIER_AGREEMENT_EXPIRED',
    });
    const renewed = await post('/v1/admin/suppliers/old-sms/agreements', {
      reference: 'NDA-NEW',
      signedOn: dayFromToday(0),
      expiresOn: dayFromToday(365),
    });
    expect(renewed.body.agreementState).toBe('valid');
    await expect(register.assertSupplierMayReceive('old-sms', ['phone'])).resolves.toBeUndefined();
  });
});
