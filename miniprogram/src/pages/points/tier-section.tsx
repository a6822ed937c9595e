import { Text, View } from '@tarojs/components';
import { formatYuan } from '@memberkit/shared';

import PageSection from '../../components/page-section';
import type { MyTier } from './points-api';

function describePerks(perks: MyTier['tier']['perks']): string {
  const parts = [`积分 x${perks.pointsMultiplierPercent / 100}`];
  if (perks.freeParkingHours > 0) parts.push(`免费停车 ${perks.freeParkingHours} 小时`);
  if (perks.loungeAccess) parts.push('贵宾室');
  return parts.join(' · ');
}

/** My tier, its published perks, and how far the next tier is (U-6.6.1a). */
export default function TierSection({ tier }: { tier: MyTier }) {
  const { next } = tier;
  const progress = next ? Math.min(100, Math.floor((tier.spendFen * 100) / next.minSpendFen)) : 100;

  return (
    <PageSection title={`会员等级：${tier.tier.title}`} id="points-tier">
      <Text className="notice-line">权益：{describePerks(tier.tier.perks)}</Text>
      <Text className="notice-line">
        近 {tier.windowMonths} 个月消费 ¥{formatYuan(tier.spendFen)}
      </Text>
      <View className="points-tier__bar">
        <View className="points-tier__fill" style={{ width: `${progress}%` }} />
      </View>
      <Text className="notice-line" id="points-tier-next">
        {next
          ? `再消费 ¥${formatYuan(next.remainingFen)} 可升级为${next.title}（每日更新等级）`
          : '您已是最高等级'}
      </Text>
    </PageSection>
  );
}
