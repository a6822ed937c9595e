import { Button } from '@tarojs/components';

import {
  devPhoneCode,
  phoneBindingFromButton,
  readPhoneButtonEvent,
  type PhoneButtonEvent,
} from '../../platform/phone-number';
import { isWeapp } from '../../platform/runtime';
import { isDevSimulatorAvailable } from '../../platform/wechat-login';
import type { PhoneBindingBody } from '../../services/member-api';

interface WechatPhoneButtonProps {
  /** The number typed in the SMS form: the H5 development stand-in binds that one. */
  typedPhone: string;
  onBinding: (binding: () => Promise<PhoneBindingBody>) => void;
}

/**
 * WeChat's phone-number button: offered, never forced (each use is billed; SMS always works).
 * In H5 there is no such button; in development the simulator stands in for it.
 */
export default function WechatPhoneButton({ typedPhone, onBinding }: WechatPhoneButtonProps) {
  if (isWeapp())
    return (
      <Button
        id="phone-wechat"
        className="btn btn--primary"
        openType="getPhoneNumber"
        onGetPhoneNumber={(event: PhoneButtonEvent) =>
          onBinding(async () => phoneBindingFromButton(readPhoneButtonEvent(event)))
        }
      >
        微信手机号快捷绑定
      </Button>
    );

  if (!isDevSimulatorAvailable()) return null;

  return (
    <Button
      id="phone-wechat-dev"
      className="btn btn--plain"
      onClick={() =>
        onBinding(async () => ({ method: 'wechat', code: await devPhoneCode(typedPhone) }))
      }
    >
      微信手机号快捷绑定（开发模拟）
    </Button>
  );
}
