import { CONSENT_PURPOSES, PURPOSE_IDS } from '@memberkit/shared';
import type { NoticeScope } from './notice-repository';

/**
 * The first privacy notice (C-4.1.2a), written from the purpose catalogue so the text and the
 * scope cannot drift apart. Staff publish later versions through the admin API.
 */
export function defaultNoticeScope(): NoticeScope {
  return Object.fromEntries(PURPOSE_IDS.map((id) => [id, [...CONSENT_PURPOSES[id].fields]]));
}

export function defaultNoticeText(): string {
  const sections = PURPOSE_IDS.map((id, index) => {
    const purpose = CONSENT_PURPOSES[id];
    const kind = purpose.kind === 'basic' ? '基本功能' : '扩展功能，可单独选择';
    const impact = purpose.impact ? `\n   影响：${purpose.impact}` : '';
    return `${index + 1}. ${purpose.title}（${kind}；保存 ${purpose.retentionDays} 天）\n   ${purpose.description}${impact}`;
  });
  return [
    '会员隐私政策',
    '我们依照 T/CCAGM 002-2021《零售企业顾客信息采集与管理要求》及个人信息保护相关法律收集和使用您的信息。',
    '我们只为下列目的收集信息，且只收集该目的直接需要的信息；每一项扩展功能都需要您单独同意，您可以随时撤回，撤回不影响基本会员服务。',
    ...sections,
    '您的信息加密保存，与身份无关的记录只使用化名；您可以随时导出或删除您的全部信息。',
  ].join('\n\n');
}
