import { Button, Text, View } from '@tarojs/components';
import {
  describeAppliedRule,
  describeLedgerEntry,
  formatShanghaiLocalTime,
} from '@memberkit/shared';

import PageSection from '../../components/page-section';
import type { HistoryEntry } from './points-api';

interface HistoryListProps {
  entries: HistoryEntry[];
  hasMore: boolean;
  onMore: () => void;
}

/** Every change to the balance, and for each award the rules that gave it (U-6.4.1). */
export default function HistoryList({ entries, hasMore, onMore }: HistoryListProps) {
  return (
    <PageSection title="积分明细" id="points-history">
      {entries.length === 0 ? <Text className="notice-line">暂无积分记录</Text> : null}
      {entries.map((entry) => (
        <View className="points-history__entry" key={entry.id} id={`points-entry-${entry.id}`}>
          <View className="row points-history__head">
            <Text>{describeLedgerEntry(entry.entryType)}</Text>
            <Text className={entry.points < 0 ? 'points--minus' : 'points--plus'}>
              {entry.points > 0 ? `+${entry.points}` : entry.points}
            </Text>
          </View>
          <Text className="points-history__time">
            {formatShanghaiLocalTime(new Date(entry.createdAt))}
          </Text>
          {entry.applied.map((rule) => (
            <Text className="points-history__rule" key={`${entry.id}-${rule.ruleId}`}>
              {describeAppliedRule(rule)}
            </Text>
          ))}
        </View>
      ))}
      {hasMore ? (
        <View className="actions">
          <Button id="points-history-more" className="btn btn--plain btn--small" onClick={onMore}>
            加载更多
          </Button>
        </View>
      ) : null}
    </PageSection>
  );
}
