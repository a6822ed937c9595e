import type { CollectedField } from '@memberkit/shared';
import type { Config } from '../platform/config';
import { chinaDate } from './agreement-state';
import type { SupplierRegister } from './supplier-register';

const SEED_ACTOR = 'system:demo-seed';

/**
 * The demo mall's suppliers, standing in for the simulated SMS gateway, WeChat Pay and Alipay, each
 * with a confidentiality agreement signed today for a year, so `npm start` sends codes and
 * takes payments under the same rule as production (C-4.1.4b). Safe to run again.
 */
export async function seedDemoSuppliers(
  register: SupplierRegister,
  codes: Readonly<Config['suppliers']>,
  now = new Date(),
): Promise<number> {
  const wanted = [
    codes.sms && {
      code: codes.sms,
      name: '短信网关（开发模拟）',
      purpose: '发送手机验证码',
      fields: ['phone'] as CollectedField[],
    },
    codes.wechatPay && {
      code: codes.wechatPay,
      name: '微信支付（开发模拟）',
      purpose: '停车费和收银台付款',
      fields: ['transactions', 'wechat_openid'] as CollectedField[],
    },
    codes.alipay && {
      code: codes.alipay,
      name: '支付宝（开发模拟）',
      purpose: '收银台付款码付款',
      fields: ['transactions', 'alipay_user'] as CollectedField[],
    },
  ].filter((supplier) => Boolean(supplier)) as Array<Parameters<SupplierRegister['register']>[0]>;

  const known = new Set((await register.list(now)).map((supplier) => supplier.code));
  let seeded = 0;
  for (const supplier of wanted.filter(({ code }) => !known.has(code))) {
    await register.register(supplier, SEED_ACTOR);
    await register.addAgreement(supplier.code, demoAgreement(supplier.code, now), SEED_ACTOR, now);
    seeded += 1;
  }
  return seeded;
}

function demoAgreement(code: string, now: Date) {
  const signedOn = chinaDate(now);
  const nextYear = new Date(now.getTime() + 365 * 24 * 3600_000);
  return { reference: `DEMO-NDA-${code}`, signedOn, expiresOn: chinaDate(nextYear) };
}
