import type { RunningServer } from '../../src/server';
import { sendJson, type HttpAnswer } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { auditActions, dayFromToday } from './supplier-kit';
import { freshPhone, getJson, staffToken, startMemberServer } from '../members/member-kit';

const SMS_SUPPLIER = 'aliyun-sms';

describeEachDatabase('C-4.1.4b supplier register', (database) => {
  let server: RunningServer;
  let officer: Record<string, string>;

  const post = (path: string, body: unknown, headers = officer): Promise<HttpAnswer> =>
    sendJson(server.url, 'POST', path, body, headers);
  const stateOf = async (code: string) =>
    (await getJson(server, `/v1/admin/suppliers/${code}`, officer.Authorization.slice(7))).body
      .agreementState;
  const sendCode = (phone: string) =>
    sendJson(server.url, 'POST', '/v1/auth/sms/send', { phone, purpose: 'login' });

  beforeAll(async () => {
    server = await startMemberServer(database().url, { SMS_SUPPLIER_CODE: SMS_SUPPLIER });
    officer = bearer(await staffToken(server, 'privacy-officer'));
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('keeping the register', () => {
    it('registers a supplier with the fields it receives and no agreement yet, times in ISO 8601 UTC (C-4.1.4b)', async () => {
      const answer = await post('/v1/admin/suppliers', {
        code: 'mailer',
        name: '邮件服务商',
        purpose: '发送电子发票',
        fields: ['email', 'invoice_title'],
      });

      expect(answer.status).toBe(201);
      expect(answer.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(answer.body).toMatchObject({
        code: 'mailer',
        fields: ['email', 'invoice_title'],
        status: 'active',
        agreementState: 'none',
        agreements: [],
      });
    });

    it('shows valid, expiring, expired and none as the agreement states (C-4.1.4b)', async () => {
      for (const code of ['valid-co', 'expiring-co', 'expired-co'])
        await post('/v1/admin/suppliers', { code, name: code, purpose: '测试', fields: ['phone'] });
      const signedOn = dayFromToday(-400);
      await post('/v1/admin/suppliers/valid-co/agreements', {
        reference: 'NDA-1',
        signedOn,
        expiresOn: dayFromToday(365),
        documentSha256: 'a'.repeat(64),
      });
      await post('/v1/admin/suppliers/expiring-co/agreements', {
        reference: 'NDA-2',
        signedOn,
        expiresOn: dayFromToday(10),
      });
      await post('/v1/admin/suppliers/expired-co/agreements', {
        reference: 'NDA-3',
        signedOn,
        expiresOn: dayFromToday(-1),
      });

      const list = await getJson(server, '/v1/admin/suppliers', officer.Authorization.slice(7));

      const states = Object.fromEntries(
        list.body.suppliers.map((supplier: { code: string; agreementState: string }) => [
          supplier.code,
          supplier.agreementState,
        ]),
      );
      expect(states).toMatchObject({
        mailer: 'none',
        'valid-co': 'valid',
        'expiring-co': 'expiring',
        'expired-co': 'expired',
      });
    });

    it('covers the expiry day itself and refuses a renewal dated tomorrow (C-4.1.4b)', async () => {
      const tomorrow = await post('/v1/admin/suppliers/expired-co/agreements', {
        reference: 'NDA-3-renewal',
        signedOn: dayFromToday(1),
        expiresOn: dayFromToday(500),
      });
      expect(tomorrow.body.error.code).toBe('SUPPLIER_AGREEMENT_INVALID');
      expect(await stateOf('expired-co')).toBe('expired');

      await post('/v1/admin/suppliers/expiring-co/agreements', {
        reference: 'NDA-2-lastday',
        signedOn: dayFromToday(-1),
        expiresOn: dayFromToday(0),
      });
      expect(await stateOf('expiring-co')).toBe('expiring');
    });

    it('refuses bad input with a coded 4xx and stores nothing', async () => {
      const before = await server.services.databases.core('supplier_agreements').count({ n: '*' });

      const backwards = await post('/v1/admin/suppliers/mailer/agreements', {
        reference: 'NDA-X',
        signedOn: '2025-06-01',
        expiresOn: '2025-05-01',
      });
      const impossibleDate = await post('/v1/admin/suppliers/mailer/agreements', {
        reference: 'NDA-Y',
        signedOn: '2025-02-30',
        expiresOn: '2026-02-01',
      });
      const unknownField = await post('/v1/admin/suppliers', {
        code: 'bad-co',
        name: 'x',
        purpose: 'x',
        fields: ['bank_card'],
      });
      const duplicate = await post('/v1/admin/suppliers', {
        code: 'mailer',
        name: 'again',
        purpose: 'x',
        fields: ['email'],
      });
      const unknownSupplier = await post('/v1/admin/suppliers/nobody/agreements', {
        reference: 'NDA-Z',
        signedOn: '2025-01-01',
        expiresOn: '2026-01-01',
      });

      expect(backwards.body.error.code).toBe('SUPPLIER_AGREEMENT_INVALID');
      expect(impossibleDate.body.error.code).toBe('VALIDATION_FAILED');
      expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.code).toBe('SUPPLIER_ALREADY_REGISTERED');
      expect(unknownSupplier.status).toBe(404);
      expect(unknownSupplier.body.error.code).toBe('SUPPLIER_NOT_FOUND');
      const after = await server.services.databases.core('supplier_agreements').count({ n: '*' });
      expect(after).toEqual(before);
      expect(await server.services.databases.core('suppliers').where({ code: 'bad-co' })).toEqual(
        [],
      );
    });

    it('refuses an agreement signed in the future (2030) with SUPPLIER_AGREEMENT_INVALID and stores nothing (C-4.1.4b)', async () => {
      const agreementRows = () => server.services.databases.core('supplier_agreements').count();
      const before = await agreementRows();

      const answer = await post('/v1/admin/suppliers/mailer/agreements', {
        reference: 'NDA-2030',
        signedOn: '2030-01-01',
        expiresOn: '2031-01-01',
      });

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('SUPPLIER_AGREEMENT_INVALID');
      expect(answer.body.error.details).toMatchObject({
        field: 'signedOn',
        reason: 'signed-after-today',
      });
      expect(await agreementRows()).toEqual(before);
      expect(await stateOf('mailer')).toBe('none');
    });

    it('takes the China calendar day as today: signed on the 2nd is fine at 00:30 there (C-4.1.4b)', async () => {
      const { register } = server.services.suppliers;
      await post('/v1/admin/suppliers', {
        code: 'midnight-co',
        name: '午夜签约',
        purpose: '测试',
        fields: ['phone'],
      });
      const chinaHalfPastMidnight = new Date('2026-03-01T16:30:00Z');

      const dated = (reference: string, signedOn: string) =>
        register.addAgreement(
          'midnight-co',
          { reference, signedOn, expiresOn: '2027-03-01' },
          'staff:test',
          chinaHalfPastMidnight,
        );

      await expect(dated('NDA-M1', '2026-03-03')).rejects.toMatchObject({
        code: 'SUPPLIER_AGREEMENT_INVALID',
      });
      const sameDay = await dated('NDA-M2', '2026-03-02');

      expect(sameDay.agreements.map(({ reference }) => reference)).toEqual(['NDA-M2']);
    });

    it.each([
      ['a bidi override in the name', { name: 'Mail\u202Egnp.exe' }],
      ['an isolate in the name', { name: '\u2066短信\u2069' }],
      ['a control character in the name', { name: 'Mailer\u0007' }],
      ['a line break in the purpose', { purpose: '发送电子发票\n并且其他' }],
      ['a bidi override in the purpose', { purpose: '\u202E票发子电送发' }],
    ])(
      'refuses %s with VALIDATION_FAILED naming the field and stores nothing (C-4.1.4b)',
      async (_name, patch) => {
        const answer = await post('/v1/admin/suppliers', {
          code: 'tricky-co',
          name: '邮件服务商',
          purpose: '发送电子发票',
          fields: ['email'],
          ...patch,
        });

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
        expect(answer.body.error.details.issues[0].path).toBe(Object.keys(patch)[0]);
        expect(
          await server.services.databases.core('suppliers').where({ code: 'tricky-co' }),
        ).toEqual([]);
      },
    );

    it('refuses a bidi override in the reason for ending and keeps the supplier active (C-4.1.4b)', async () => {
      const answer = await post('/v1/admin/suppliers/mailer/end', { reason: '合同\u202E到期' });

      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.issues[0].path).toBe('reason');
      expect(await stateOf('mailer')).toBe('none');
      const mailer = await server.services.databases.core('suppliers').where({ code: 'mailer' });
      expect(mailer[0].status).toBe('active');
    });

    it('admits only the privacy officer (S-5.3b)', async () => {
      const marketing = bearer(await staffToken(server, 'marketing'));

      const listed = await getJson(server, '/v1/admin/suppliers', marketing.Authorization.slice(7));
      const added = await post(
        '/v1/admin/suppliers',
        { code: 'sneaky', name: 'x', purpose: 'x', fields: ['phone'] },
        marketing,
      );

      expect(listed.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
      expect(added.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
    });

    it('ends a relationship once, keeping its record, and audits every change (C-4.1.4b, S-5.5)', async () => {
      const ended = await post('/v1/admin/suppliers/valid-co/end', { reason: '合同到期不续' });
      const again = await post('/v1/admin/suppliers/valid-co/end', { reason: '再次' });
      const renewAfterEnd = await post('/v1/admin/suppliers/valid-co/agreements', {
        reference: 'NDA-9',
        signedOn: dayFromToday(-1),
        expiresOn: dayFromToday(100),
      });

      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ status: 'ended', agreements: [{ reference: 'NDA-1' }] });
      expect(ended.body.endedAt).toMatch(/Z$/);
      expect(ended.body.agreements[0].recordedAt).toMatch(/Z$/);
      expect(again.body.error.code).toBe('SUPPLIER_ENDED');
      expect(renewAfterEnd.body.error.code).toBe('SUPPLIER_ENDED');
      expect(await auditActions(server, 'valid-co')).toEqual([
        'supplier.register',
        'supplier.agreement',
        'supplier.end',
      ]);
    });
  });

  describe('the hand-over gate', () => {
    it('refuses fields outside the supplier registration (C-4.1.4b)', async () => {
      await expect(
        server.services.suppliers.register.assertSupplierMayReceive('expiring-co', ['resident_id']),
      ).rejects.toMatchObject({ code: 'SUPPLIER_SCOPE_EXCEEDED', status: 409 });
      await expect(
        server.services.suppliers.register.assertSupplierMayReceive('expiring-co', ['phone']),
      ).resolves.toBeUndefined();
    });

    it('refuses an ended supplier even with its agreement in force (C-4.1.4b)', async () => {
      await expect(
        server.services.suppliers.register.assertSupplierMayReceive('valid-co', ['phone']),
      ).rejects.toMatchObject({ code: 'SUPPLIER_NOT_REGISTERED' });
    });
  });

  describe('the SMS gateway as a supplier', () => {
    const smsRows = () => server.services.databases.core('sms_codes').count({ n: '*' });

    it('sends no phone number to an unregistered SMS provider (C-4.1.4b)', async () => {
      const phone = freshPhone();
      const before = await smsRows();

      const answer = await sendCode(phone);

      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('SUPPLIER_NOT_REGISTERED');
      expect(server.simulators!.sms.sentCount(phone)).toBe(0);
      expect(await smsRows()).toEqual(before);
    });

    it('sends nothing while no confidentiality agreement is on file (C-4.1.4b)', async () => {
      await post('/v1/admin/suppliers', {
        code: SMS_SUPPLIER,
        name: '阿里云短信',
        purpose: '发送手机验证码',
        fields: ['phone'],
      });
      const phone = freshPhone();

      const answer = await sendCode(phone);

      expect(answer.body.error.code).toBe('SUPPLIER_AGREEMENT_MISSING');
      expect(server.simulators!.sms.sentCount(phone)).toBe(0);
    });

    it('sends nothing under an expired agreement (C-4.1.4b)', async () => {
      await post(`/v1/admin/suppliers/${SMS_SUPPLIER}/agreements`, {
        reference: 'SMS-2023',
        signedOn: '2023-01-01',
        expiresOn: '2024-01-01',
      });
      const phone = freshPhone();

      const answer = await sendCode(phone);

      expect(answer.body.error.code).toBe('SUPPLIER_AGREEMENT_EXPIRED');
      expect(server.simulators!.sms.sentCount(phone)).toBe(0);
    });

    it('sends the code once a valid agreement is on file (C-4.1.4b, C-4.2.1.3a)', async () => {
      await post(`/v1/admin/suppliers/${SMS_SUPPLIER}/agreements`, {
        reference: 'SMS-2025',
        signedOn: dayFromToday(-30),
        expiresOn: dayFromToday(335),
      });
      const phone = freshPhone();

      const answer = await sendCode(phone);

      expect(answer.status).toBe(200);
      expect(server.simulators!.sms.sentCount(phone)).toBe(1);
    });

    it('stops sending once the relationship ends (C-4.1.4b)', async () => {
      await post(`/v1/admin/suppliers/${SMS_SUPPLIER}/end`, { reason: '更换短信服务商' });
      const phone = freshPhone();

      const answer = await sendCode(phone);

      expect(answer.body.error.code).toBe('SUPPLIER_NOT_REGISTERED');
      expect(server.simulators!.sms.sentCount(phone)).toBe(0);
      expect(await auditActions(server, SMS_SUPPLIER)).toEqual([
        'supplier.register',
        'supplier.agreement',
        'supplier.agreement',
        'supplier.end',
      ]);
    });
  });
});
