import { Button, Text, View } from '@tarojs/components';
import { formatYuan } from '@memberkit/shared';

import PageSection from '../../components/page-section';
import type { Catalogue, CatalogueItem } from './points-api';

const KIND_LABELS: Record<CatalogueItem['kind'], string> = {
  goods: '实物',
  coupon: '优惠券',
  'gift-card': '礼品卡',
  'parking-offset': '停车抵扣',
};

interface CatalogueListProps {
  catalogue: Catalogue;
  available: number;
  busyItemId?: string;
  onRedeem: (item: CatalogueItem) => void;
}

/** The redemption catalogue (U-6.4.2); every price is the same for every member (U-6.7.2). */
export default function CatalogueList({
  catalogue,
  available,
  busyItemId,
  onRedeem,
}: CatalogueListProps) {
  const { pointsPerYuan, maxSharePercent } = catalogue.cashOffset;

  return (
    <PageSection
      title="积分兑换"
      intro={`收银台可用积分抵现：${pointsPerYuan} 积分抵 1 元，最多抵扣订单金额的 ${maxSharePercent}%。`}
      id="points-catalogue"
    >
      {catalogue.items.length === 0 ? <Text className="notice-line">暂无可兑换的礼品</Text> : null}
      {catalogue.items.map((item) => (
        <View className="points-item" key={item.id} id={`points-item-${item.id}`}>
          <View className="points-item__text">
            <Text className="points-item__title">
              [{KIND_LABELS[item.kind]}] {item.title}
            </Text>
            <Text className="points-item__price">
              {item.pointsPrice} 积分{item.valueFen ? `（价值 ¥${formatYuan(item.valueFen)}）` : ''}
            </Text>
          </View>
          <Button
            className="btn btn--primary btn--small"
            disabled={!item.inStock || available < item.pointsPrice}
            loading={busyItemId === item.id}
            onClick={() => onRedeem(item)}
          >
            {item.inStock ? '兑换' : '已兑完'}
          </Button>
        </View>
      ))}
    </PageSection>
  );
}
