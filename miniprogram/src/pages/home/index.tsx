import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { normalizePhone } from '@memberkit/shared';

import './index.scss';

const EXAMPLE_PHONE = '+86 139-0000-0001';

/** Shows a phone number the way shoppers read it: 139 0000 0001. */
function formatPhoneForDisplay(text: string): string {
  const phone = normalizePhone(text);

  return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
}

function openSignUp() {
  // Placeholder until the sign-up page exists.
  Taro.showToast({ title: '会员注册即将开放', icon: 'none' });
}

export default function HomePage() {
  return (
    <View className="home">
      <Text className="home__title">欢迎</Text>
      <Text className="home__subtitle">注册会员，享积分、礼品和停车优惠</Text>
      <Button className="home__join" type="primary" onClick={openSignUp}>
        成为会员
      </Button>
      <Text className="home__hint">
        注册时使用手机号，例如 {formatPhoneForDisplay(EXAMPLE_PHONE)}
      </Text>
    </View>
  );
}
