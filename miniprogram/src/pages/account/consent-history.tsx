import { CONSENT_PURPOSES } from '@memberkit/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';

import type { ConsentRecord } from '../../services/api-types';
import { CHANNEL_LABELS, CONSENT_STATUS_LABELS, formatTime } from '../../services/field-labels';

/** Every decision, newest first: what, under which notice version, when and where. */
export default function ConsentHistory({ history }: { history: ConsentRecord[] }) {
  const [open, setOpen] = useState(false);
  const newestFirst = [...history].sort((a, b) => b.id - a.id);

  return (
    <View className="consent-history" id="consent-history">
      <Text className="link" id="consent-history-toggle" onClick={() => setOpen(!open)}>
        {open ? '收起授权记录' : `查看授权记录（${history.length} 条）`}
      </Text>
      {open
        ? newestFirst.map((record) => (
            <View className="consent-history__item" key={record.id}>
              <Text>
                {CONSENT_PURPOSES[record.purpose]?.title ?? record.purpose} ·{' '}
                {record.withdrawnAt
                  ? CONSENT_STATUS_LABELS.withdrawn
                  : CONSENT_STATUS_LABELS[record.status]}
              </Text>
              <Text className="notice-line">
                第 {record.noticeVersion} 版 · {CHANNEL_LABELS[record.channel] ?? record.channel} ·{' '}
                {formatTime(record.decidedAt)}
                {record.withdrawnAt ? ` · 撤回于 ${formatTime(record.withdrawnAt)}` : ''}
              </Text>
            </View>
          ))
        : null}
    </View>
  );
}
