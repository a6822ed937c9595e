import { Button, Text, View } from '@tarojs/components';

import { PRIVACY_AGREE_BUTTON_ID, type PrivacyDecision } from '../platform/privacy';
import { isWeapp } from '../platform/runtime';
import './privacy-sheet.scss';

interface PrivacySheetProps {
  onDecide: (decision: PrivacyDecision) => void;
  onReadNotice: () => void;
}

/**
 * Our answer to WeChat's privacy prompt (protocols/wechat-miniprogram.md). On weapp the agree
 * button has openType="agreePrivacyAuthorization", so WeChat itself records the agreement
 * (Taro 4.2 passes onAgreePrivacyAuthorization through without plugin-inject).
 */
export default function PrivacySheet({ onDecide, onReadNotice }: PrivacySheetProps) {
  const weapp = isWeapp();

  return (
    <View className="privacy-sheet" id="privacy-sheet">
      <View className="privacy-sheet__panel">
        <Text className="privacy-sheet__title">用户隐私保护提示</Text>
        <Text className="privacy-sheet__text">
          注册会员前，请阅读《会员隐私政策》。同意后我们才会使用微信登录与手机号等能力；拒绝不会保存您的任何信息，您仍可使用手机验证码注册。
        </Text>
        <Text className="link privacy-sheet__read" onClick={onReadNotice}>
          查看《会员隐私政策》
        </Text>
        <View className="actions">
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="btn btn--primary"
            openType={weapp ? 'agreePrivacyAuthorization' : undefined}
            onAgreePrivacyAuthorization={weapp ? () => onDecide('agreed') : undefined}
            onClick={weapp ? undefined : () => onDecide('agreed')}
          >
            同意并继续
          </Button>
          <Button
            id="privacy-refuse"
            className="btn btn--plain"
            onClick={() => onDecide('refused')}
          >
            拒绝
          </Button>
        </View>
      </View>
    </View>
  );
}
