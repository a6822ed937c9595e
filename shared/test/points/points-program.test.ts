import { DEFAULT_POINTS_PROGRAM, parsePointsProgram } from '../../src';

const invalid = (problem?: string) =>
  expect.objectContaining({
    code: 'POINTS_RULES_INVALID',
    ...(problem ? { details: { issues: [expect.objectContaining({ problem })] } } : {}),
  });

describe('parsePointsProgram', () => {
  it('accepts the default programme', () => {
    expect(parsePointsProgram(structuredClone(DEFAULT_POINTS_PROGRAM))).toEqual(
      DEFAULT_POINTS_PROGRAM,
    );
  });

  it('refuses a multiplier below x1 (a rule may add, never take away)', () => {
    const program = structuredClone(DEFAULT_POINTS_PROGRAM);
    program.earning.multipliers[0].percent = 50;

    expect(() => parsePointsProgram(program)).toThrow(invalid());
  });

  it('refuses tiers that do not start at 0 or are out of order', () => {
    const notAtZero = structuredClone(DEFAULT_POINTS_PROGRAM);
    notAtZero.tiers[0].minSpendFen = 1;
    const outOfOrder = structuredClone(DEFAULT_POINTS_PROGRAM);
    outOfOrder.tiers[2].minSpendFen = 1;

    expect(() => parsePointsProgram(notAtZero)).toThrow(
      invalid('the first tier must start at spend 0'),
    );
    expect(() => parsePointsProgram(outOfOrder)).toThrow(
      invalid('tiers must be in strictly ascending order of minSpendFen'),
    );
  });

  it('refuses two rules with one id, so an explanation always names one rule', () => {
    const program = structuredClone(DEFAULT_POINTS_PROGRAM);
    program.earning.multipliers[1].id = program.earning.multipliers[0].id;

    expect(() => parsePointsProgram(program)).toThrow(invalid('rule ids must be unique'));
  });

  it('refuses unknown fields and fractional points', () => {
    expect(() => parsePointsProgram({ ...DEFAULT_POINTS_PROGRAM, surprise: 1 })).toThrow(invalid());
    const fractional = structuredClone(DEFAULT_POINTS_PROGRAM);
    fractional.earning.basePointsPerYuan = 1.5;
    expect(() => parsePointsProgram(fractional)).toThrow(invalid());
  });
});
