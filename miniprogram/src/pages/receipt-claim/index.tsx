import { Button, Checkbox, CheckboxGroup, Input, Label, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import { ensurePermission } from '../../platform/permissions';
import { isWeapp } from '../../platform/runtime';
import { openPage, ROUTES } from '../../services/routes';
import { isLoggedIn } from '../../services/session';
import { SaleFacts } from './claim-result';
import {
  claimReceipt,
  previewReceipt,
  type ReceiptClaimAnswer,
  type ReceiptPreview,
} from './receipt-claim-api';
import { claimProblemOf, type ClaimProblem } from './receipt-claim-messages';
import { readReceiptLink, receiptLinkFromParams, type ReceiptLink } from './receipt-code';
import { scanReceiptCode } from './scan-receipt';
import './index.scss';

const NOT_A_CODE: ClaimProblem = {
  message: '积分码应为小票二维码下方的12位字母或数字，请核对后重新输入，或扫描小票上的二维码。',
  needsLinkingConsent: false,
};

/**
 * Claim the points of a sale from its receipt (issue #6, C-4.2.1.4): Alipay, UnionPay-card and
 * cash sales carry a claim QR because the till could not tell whose sale it was. For an Alipay
 * sale the member may ask to be recognised next time; that is their own choice, off by
 * default, under the transaction-linking consent (U-6.1.1).
 */
export default function ReceiptClaimPage() {
  const { params } = useRouter();
  const [typed, setTyped] = useState('');
  const [link, setLink] = useState<ReceiptLink>();
  const [sale, setSale] = useState<ReceiptPreview>();
  const [remember, setRemember] = useState(false);
  const [problem, setProblem] = useState<ClaimProblem>();
  const [claimed, setClaimed] = useState<ReceiptClaimAnswer>();
  const [busy, setBusy] = useState(false);

  async function open(next: ReceiptLink | undefined) {
    setProblem(undefined);
    setSale(undefined);
    if (!next) return setProblem(NOT_A_CODE);

    setLink(next);
    try {
      setSale(await previewReceipt(next.code));
    } catch (failure) {
      setProblem(claimProblemOf(failure));
    }
  }

  useEffect(() => {
    if (!isLoggedIn()) return;
    if (params.code || params.r || params.scene) void open(receiptLinkFromParams(params));
    // Once per visit, with the parameters the page was opened with.
  }, []);

  async function scan() {
    if (!(await ensurePermission('scope.camera'))) return;

    const result = await scanReceiptCode();
    if (result.kind === 'scanned') return open(readReceiptLink(result.text));
    if (result.kind === 'type-instead')
      setProblem({ ...NOT_A_CODE, message: '当前环境无法扫码，请输入二维码下方的积分码' });
  }

  const alipaySale = sale?.provider === 'alipay' || (!sale?.provider && link?.alipayHint === true);

  async function claim() {
    if (!link) return;
    setBusy(true);
    try {
      setClaimed(await claimReceipt(link.code, alipaySale ? remember : undefined));
      setProblem(undefined);
    } catch (failure) {
      setProblem(claimProblemOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (!isLoggedIn()) return <LoginFirst />;
  if (claimed) return <Claimed answer={claimed} sale={sale} />;

  return (
    <View className="page receipt-claim" id="receipt-claim-page">
      <PageSection
        title="扫小票领积分"
        intro="支付宝、银行卡或现金付款时，小票上印有积分二维码。扫码后本次消费的积分将计入您的账户。"
      >
        {isWeapp() ? (
          <View className="actions">
            <Button id="receipt-scan" className="btn btn--primary" onClick={scan}>
              扫描小票二维码
            </Button>
          </View>
        ) : null}
        {link ? (
          <Text className="receipt-claim__line" id="receipt-code">
            积分码：{link.code}
          </Text>
        ) : (
          <FormField label="输入积分码" hint="积分码印在小票二维码的下方">
            <Input
              id="receipt-code-input"
              className="field__input"
              maxlength={64}
              value={typed}
              placeholder="请输入小票上的积分码"
              onInput={(event) => setTyped(event.detail.value)}
            />
          </FormField>
        )}
        <SaleFacts sale={sale} />
        {link && alipaySale ? (
          <CheckboxGroup onChange={(event) => setRemember(event.detail.value.includes('remember'))}>
            <Label className="receipt-claim__remember" id="receipt-remember-alipay">
              <Checkbox value="remember" checked={remember} color="#b8322a" />
              记住此支付宝账户，以后自动积分
            </Label>
          </CheckboxGroup>
        ) : null}
        <ProblemView problem={problem} />
        <View className="actions">
          {link ? (
            <Button
              id="receipt-claim-submit"
              className="btn btn--primary"
              disabled={busy}
              onClick={claim}
            >
              领取积分
            </Button>
          ) : (
            <Button
              id="receipt-code-submit"
              className="btn btn--plain"
              onClick={() => open(readReceiptLink(typed))}
            >
              确定
            </Button>
          )}
        </View>
      </PageSection>
    </View>
  );
}

function ProblemView({ problem }: { problem?: ClaimProblem }) {
  if (!problem) return null;

  return (
    <View id="receipt-problem">
      <FormError id="receipt-error" message={problem.message} />
      {problem.needsLinkingConsent ? (
        <Button
          id="receipt-open-consents"
          className="btn btn--plain btn--small"
          onClick={() => openPage(ROUTES.account)}
        >
          去开启“消费关联积分”授权
        </Button>
      ) : null}
    </View>
  );
}

function Claimed({ answer, sale }: { answer: ReceiptClaimAnswer; sale?: ReceiptPreview }) {
  return (
    <View className="page receipt-claim" id="receipt-claimed">
      <PageSection title="积分已到账">
        <Text className="receipt-claim__points" id="receipt-points">
          +{answer.pointsAwarded} 积分
        </Text>
        <SaleFacts sale={{ ...sale, ...answer }} />
        {answer.balance === undefined ? null : (
          <Text className="receipt-claim__line">当前积分：{answer.balance}</Text>
        )}
        {answer.rememberedAlipayPayer ? (
          <Text className="notice-line" id="receipt-alipay-remembered">
            已记住此支付宝账户，以后用它付款将自动积分；可在“我的账户”中关闭“消费关联积分”授权来取消。
          </Text>
        ) : null}
        <View className="actions">
          <Button className="btn btn--plain" onClick={() => openPage(ROUTES.account)}>
            查看我的账户
          </Button>
        </View>
      </PageSection>
    </View>
  );
}

function LoginFirst() {
  return (
    <View className="page receipt-claim" id="receipt-login-first">
      <PageSection title="扫小票领积分" intro="领取消费积分需要先登录会员账户。">
        <View className="actions">
          <Button
            id="receipt-login"
            className="btn btn--primary"
            onClick={() => openPage(ROUTES.login)}
          >
            登录 / 注册会员
          </Button>
        </View>
      </PageSection>
    </View>
  );
}
