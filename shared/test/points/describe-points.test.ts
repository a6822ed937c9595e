import { describeAppliedRule, describeLedgerEntry } from '../../src';

describe('explanations the mini-program shows', () => {
  it.each([
    [
      { ruleId: 'base', kind: 'base', effect: '1/yuan on 128.00', points: 128 },
      '消费积分 每元1分（¥128.00）：+128',
    ],
    [
      { ruleId: 'b', kind: 'brand', effect: '+2/yuan on 58.00', points: 116 },
      '品牌加赠 每元+2分（¥58.00）：+116',
    ],
    [{ ruleId: 'm', kind: 'birthday-month', effect: 'x2', points: 128 }, '生日月倍数 x2：+128'],
    [{ ruleId: 'tier:gold', kind: 'tier', effect: 'x1.25', points: 64 }, '会员等级倍数 x1.25：+64'],
    [{ ruleId: 'cap', kind: 'cap', effect: 'max 100', points: -92 }, '单笔积分上限 最多100分：-92'],
    [{ ruleId: 'welcome', kind: 'sign-up', effect: '+100', points: 100 }, '注册礼：+100'],
    [
      { ruleId: 't', kind: 'top-up', effect: 'top-up >= 500.00', points: 50 },
      '充值礼 充值满¥500.00：+50',
    ],
  ] as const)('describes %j', (rule, text) => {
    expect(describeAppliedRule(rule)).toBe(text);
  });

  it('names every ledger entry type and passes unknown ones through', () => {
    expect(
      ['earn', 'redeem', 'expire', 'reverse', 'transfer', 'other'].map(describeLedgerEntry),
    ).toEqual(['获得积分', '积分兑换', '积分过期', '退货扣回', '实体卡积分转入', 'other']);
  });
});
