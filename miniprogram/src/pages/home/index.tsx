import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';

import MemberCard from '../../components/member-card';
import type { MemberAccount } from '../../services/api-types';
import { fetchAccount } from '../../services/member-api';
import { openPage, ROUTES } from '../../services/routes';
import { isLoggedIn } from '../../services/session';
import './index.scss';

const BENEFITS = [
  '消费累积积分，积分当钱花',
  '生日礼遇与会员专享活动',
  '停车自动识别，积分抵扣停车费',
];

function Welcome() {
  return (
    <View className="home__welcome" id="home-welcome">
      <Text className="home__title">欢迎光临</Text>
      <Text className="home__subtitle">注册会员，享积分、礼品和停车优惠</Text>
      <View className="home__benefits">
        {BENEFITS.map((benefit) => (
          <Text className="home__benefit" key={benefit}>
            · {benefit}
          </Text>
        ))}
      </View>
      <View className="actions">
        <Button
          id="home-join"
          className="btn btn--primary"
          onClick={() => openPage(ROUTES.privacyNotice, { next: 'signup' })}
        >
          成为会员
        </Button>
        <Button id="home-login" className="btn btn--plain" onClick={() => openPage(ROUTES.login)}>
          已是会员，登录
        </Button>
      </View>
    </View>
  );
}

function MemberHome({ account }: { account: MemberAccount }) {
  return (
    <View id="home-member">
      <MemberCard account={account} />
      <View className="actions">
        <Button
          id="home-account"
          className="btn btn--primary"
          onClick={() => openPage(ROUTES.account)}
        >
          我的账户
        </Button>
        <Button className="btn btn--plain" onClick={() => openPage(ROUTES.cardBinding)}>
          绑定实体会员卡
        </Button>
        <Button
          id="home-member-code"
          className="btn btn--primary"
          onClick={() => Taro.navigateTo({ url: '/pages/member-code/index' })}
        >
          会员码
        </Button>
        <Button
          id="home-receipt-claim"
          className="btn btn--plain"
          onClick={() => Taro.navigateTo({ url: '/pages/receipt-claim/index' })}
        >
          扫小票领积分
        </Button>
        <Button
          id="home-parking"
          className="btn btn--plain"
          onClick={() => openPage(ROUTES.parking)}
        >
          停车缴费
        </Button>
      </View>
    </View>
  );
}

/** The entry page: the member card when logged in, otherwise the way to join. */
export default function HomePage() {
  const [account, setAccount] = useState<MemberAccount>();

  useDidShow(() => {
    if (!isLoggedIn()) return setAccount(undefined);

    fetchAccount()
      .then(setAccount)
      .catch(() => setAccount(undefined));
  });

  return (
    <View className="page home">
      {account ? <MemberHome account={account} /> : <Welcome />}
      <Text
        className="home__privacy link"
        id="home-privacy"
        onClick={() => openPage(ROUTES.privacyNotice)}
      >
        会员隐私政策
      </Text>
    </View>
  );
}
