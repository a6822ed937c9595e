import { Button, Text, View } from '@tarojs/components';

import PageSection from '../../components/page-section';
import type { SignedReceipt } from '../../services/api-types';
import { formatTime } from '../../services/field-labels';
import { restartAt, ROUTES } from '../../services/routes';

/** After deletion: the signed deletion receipt, and the way back to a fresh start. */
export default function DeletedView({ receipt }: { receipt: SignedReceipt }) {
  const statement =
    typeof receipt.statement === 'string' ? receipt.statement : '您的会员账户已注销。';

  return (
    <View className="page account" id="account-deleted">
      <PageSection title="账户已注销">
        <Text className="account__statement">{statement}</Text>
        <Text className="notice-line">
          注销回执 {receipt.receiptId} · {formatTime(receipt.issuedAt)}
        </Text>
        <Text className="notice-line">签名 {receipt.signature.slice(0, 24)}…</Text>
        <View className="actions">
          <Button
            id="deleted-home"
            className="btn btn--primary"
            onClick={() => restartAt(ROUTES.home)}
          >
            返回首页
          </Button>
        </View>
      </PageSection>
    </View>
  );
}
