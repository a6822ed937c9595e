import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

import PageSection from '../../components/page-section';
import { isApiError, messageOf } from '../../services/api-error';
import { openPage, replacePage, ROUTES } from '../../services/routes';
import { isLoggedIn } from '../../services/session';
import { RECEIPT_CLAIM_PAGE } from '../receipt-claim/receipt-code';
import { MemberBarcode, MemberQrCode } from './code-graphics';
import { groupDigits } from './digit-groups';
import { LINKING_ACTIONS, LINKING_INTROS } from './linking-notice';
import { useFreshMemberCode } from './use-fresh-member-code';
import { useLinkingState } from './use-linking-state';
import './index.scss';

/**
 * My member code (issue #6): the till's scan gun reads it to give the points of a sale paid in
 * cash or by bank card (C-4.2.1.4), for a member who agreed to transaction linking (U-6.1.1);
 * the intro says which applies. It holds the card number and a code that changes every 30 s
 * and works once, so a photo of the screen is of no use later.
 */
export default function MemberCodePage() {
  const { issued, secondsLeft, waitSeconds, error, refresh } = useFreshMemberCode();
  const linking = useLinkingState();
  const sessionLost = isApiError(error) && error.status === 401;

  useEffect(() => {
    if (!isLoggedIn() || sessionLost) void replacePage(ROUTES.login);
  }, [sessionLost]);

  return (
    <View className="page member-code" id="member-code-page">
      <PageSection title="会员码" intro={LINKING_INTROS[linking]}>
        {LINKING_ACTIONS[linking] ? (
          <Button
            id="member-code-open-consents"
            className="btn btn--plain btn--small"
            onClick={() => openPage(ROUTES.account)}
          >
            {LINKING_ACTIONS[linking]}
          </Button>
        ) : null}
        {issued ? (
          <View className="member-code__card">
            <MemberBarcode digits={issued.code} />
            <Text className="member-code__digits" id="member-code-digits">
              {groupDigits(issued.code)}
            </Text>
            <MemberQrCode text={issued.code} />
            <Text className="member-code__countdown" id="member-code-countdown">
              {secondsLeft} 秒后自动刷新
            </Text>
          </View>
        ) : (
          <Text className="notice-line" id="member-code-status">
            {statusLine(waitSeconds, error)}
          </Text>
        )}
        <Text className="notice-line" id="member-code-single-use">
          每个会员码仅可使用一次，约 30 秒自动更新；请勿截图或转发给他人。
        </Text>
        <View className="actions">
          <Button id="member-code-refresh" className="btn btn--plain" onClick={refresh}>
            刷新会员码
          </Button>
          <Button
            id="member-code-claim-receipt"
            className="btn btn--plain"
            onClick={() => Taro.navigateTo({ url: RECEIPT_CLAIM_PAGE })}
          >
            扫小票领积分
          </Button>
        </View>
      </PageSection>
    </View>
  );
}

/**
 * A wait is the server's 429: most often both codes of this moment were used at a till and the
 * next one comes with the next 30 s step.
 */
function statusLine(waitSeconds: number, error: unknown): string {
  if (waitSeconds > 0) return `请稍候，${waitSeconds} 秒后自动生成新的会员码。`;
  return error ? messageOf(error) : '正在生成会员码…';
}
