import { Text, View } from '@tarojs/components';

import type { MemberAccount } from '../services/api-types';
import './member-card.scss';

const TIER_LABELS: Readonly<Record<string, string>> = {
  regular: '普通会员',
  silver: '银卡会员',
  gold: '金卡会员',
  platinum: '白金会员',
};

/** "8800 0012 34" reads easier than ten digits in a row. */
function spacedCardNo(cardNo: string): string {
  return cardNo.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export default function MemberCard({ account }: { account: MemberAccount }) {
  const name = account.profile.nickname ?? account.profile.name ?? '会员';

  return (
    <View className="member-card" id="member-card">
      <View className="row">
        <Text className="member-card__name">{name}</Text>
        <Text className="member-card__tier">{TIER_LABELS[account.tier] ?? account.tier}</Text>
      </View>
      <Text className="member-card__number" id="member-card-no">
        {spacedCardNo(account.cardNo)}
      </Text>
      <View className="row member-card__footer">
        <Text>
          积分 <Text id="member-points">{account.pointsBalance}</Text>
        </Text>
        <Text id="member-phone">{account.phone ? `手机 ${account.phone}` : '未绑定手机号'}</Text>
      </View>
    </View>
  );
}
