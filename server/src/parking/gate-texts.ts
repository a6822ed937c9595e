/**
 * What the gate's LED shows and its speaker says, in Chinese (C-4.2.2.6): the plate, the fee,
 * a welcome, or the request to pay. The server's answer never carries the plate itself (it
 * would be stored with the idempotent answer): the adapter puts the plate it read in front of
 * these lines, and in front of the voice text. Lines are short: an LED shows about 4 of 8.
 */
export type DecisionReason =
  | 'entry'
  | 'entry-member'
  | 'entry-pass'
  | 'entry-repeat'
  | 'no-plate'
  | 'unreadable'
  | 'free'
  | 'paid'
  | 'pass'
  | 'fee-due'
  | 'review'
  | 'recorded';

export interface GateText {
  display: string[];
  voice: string;
}

export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}

/** The lines after the plate line (a car without a plate has no plate line). */
export function gateText(
  direction: 'entry' | 'exit',
  reason: DecisionReason,
  feeFen = 0,
): GateText {
  switch (reason) {
    case 'entry':
    case 'entry-repeat':
      return { display: ['欢迎光临'], voice: '欢迎光临' };
    case 'entry-member':
      return { display: ['会员', '欢迎光临'], voice: '会员您好，欢迎光临' };
    case 'entry-pass':
      return { display: ['月卡车', '欢迎光临'], voice: '月卡车，欢迎光临' };
    case 'unreadable':
      // A plate read that is not a valid plate (a misread, lpr-camera-push.md): not a car
      // without plates, so the driver is not sent to the no-plate QR code.
      return { display: ['车牌识别失败', '请稍候'], voice: '车牌识别失败，请稍候' };
    case 'no-plate':
      return direction === 'entry'
        ? { display: ['无牌车', '请扫码入场'], voice: '无牌车请扫码入场' }
        : { display: ['无牌车', '请扫码缴费出场'], voice: '无牌车请扫码缴费出场' };
    case 'free':
      return { display: ['免费', '一路顺风'], voice: '一路顺风' };
    case 'paid':
      return { display: ['已缴费', '一路顺风'], voice: '一路顺风' };
    case 'pass':
      return { display: ['月卡车', '一路顺风'], voice: '月卡车，一路顺风' };
    case 'fee-due':
      return {
        display: [`停车费${formatYuan(feeFen)}元`, '请扫码缴费'],
        voice: `请缴费${formatYuan(feeFen)}元`,
      };
    case 'review':
      return { display: ['请稍候', '工作人员核对中'], voice: '请稍候，工作人员正在核对' };
    case 'recorded':
      return { display: [], voice: '' };
  }
}
