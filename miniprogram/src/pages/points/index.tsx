import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatShanghaiLocalTime } from '@memberkit/shared';
import { useCallback, useState } from 'react';

import PageSection from '../../components/page-section';
import { isApiError, messageOf } from '../../services/api-error';
import { replacePage, ROUTES } from '../../services/routes';
import { isLoggedIn } from '../../services/session';
import CatalogueList from './catalogue-list';
import HistoryList from './history-list';
import {
  fetchCatalogue,
  fetchHistory,
  fetchPoints,
  fetchTier,
  newRequestId,
  redeemItem,
  type Catalogue,
  type CatalogueItem,
  type HistoryEntry,
  type MyTier,
  type PointsSummary,
  type Redemption,
} from './points-api';
import TierSection from './tier-section';
import './index.scss';

interface Loaded {
  summary: PointsSummary;
  tier: MyTier;
  catalogue: Catalogue;
}

/** What the shopper takes away from a redemption: the code to show or use. */
function describeFulfilment(redemption: Redemption): string {
  const fulfilment = redemption.fulfilment ?? {};
  const code =
    fulfilment.pickupCode ??
    fulfilment.couponCode ??
    fulfilment.giftCardNo ??
    fulfilment.parkingVoucher;
  return code ? `${redemption.title}：${String(code)}` : redemption.title;
}

/** My points: balance, tier and progress, redemption catalogue, history with explanations. */
export default function PointsPage() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [busyItemId, setBusyItemId] = useState<string>();
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    if (!isLoggedIn()) return replacePage(ROUTES.login);

    try {
      const [summary, tier, catalogue, page] = await Promise.all([
        fetchPoints(),
        fetchTier(),
        fetchCatalogue(),
        fetchHistory(),
      ]);
      setLoaded({ summary, tier, catalogue });
      setHistory(page.entries);
      setNextBefore(page.nextBefore);
      setError('');
    } catch (failure) {
      if (isApiError(failure) && failure.status === 401) return replacePage(ROUTES.login);
      setError(messageOf(failure));
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  async function loadMore() {
    if (!nextBefore) return;

    try {
      const page = await fetchHistory(nextBefore);
      setHistory((shown) => [...shown, ...page.entries]);
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function redeem(item: CatalogueItem) {
    const confirmed = await Taro.showModal({
      title: '确认兑换',
      content: `使用 ${item.pointsPrice} 积分兑换「${item.title}」？`,
    });
    if (!confirmed.confirm) return;

    setBusyItemId(item.id);
    try {
      const redemption = await redeemItem(item.id, newRequestId());
      await Taro.showModal({
        title: '兑换成功',
        content: describeFulfilment(redemption),
        showCancel: false,
      });
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusyItemId(undefined);
    }
  }

  if (!loaded)
    return (
      <View className="page points">
        <Text className="notice-line">{error || '正在加载…'}</Text>
      </View>
    );

  const { summary, tier, catalogue } = loaded;
  return (
    <View className="page points" id="points-page">
      <PageSection title="我的积分" id="points-summary">
        <Text className="points__balance" id="points-balance">
          {summary.balance}
        </Text>
        {summary.held > 0 ? (
          <Text className="notice-line">
            兑换处理中 {summary.held}，可用 {summary.available}
          </Text>
        ) : null}
        {summary.expiring ? (
          <Text className="notice-line" id="points-expiring">
            {summary.expiring.points} 积分将于{' '}
            {formatShanghaiLocalTime(new Date(summary.expiring.firstExpiresAt)).slice(0, 10)}{' '}
            前过期（先获得的积分先使用、先过期）
          </Text>
        ) : null}
        {error ? <Text className="form-error">{error}</Text> : null}
      </PageSection>
      <TierSection tier={tier} />
      <CatalogueList
        catalogue={catalogue}
        available={summary.available}
        busyItemId={busyItemId}
        onRedeem={(item) => void redeem(item)}
      />
      <HistoryList entries={history} hasMore={Boolean(nextBefore)} onMore={() => void loadMore()} />
    </View>
  );
}
