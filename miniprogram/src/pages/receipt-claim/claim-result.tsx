import { Text, View } from '@tarojs/components';
import { formatShanghaiLocalTime, formatYuan } from '@memberkit/shared';

import type { ReceiptPreview } from './receipt-claim-api';

/** The sale's amount and time, when the server gave them. */
export function SaleFacts({ sale }: { sale?: ReceiptPreview }) {
  if (!sale || (sale.amountFen === undefined && !sale.occurredAt)) return null;

  return (
    <View className="receipt-claim__sale" id="receipt-sale">
      {sale.amountFen === undefined ? null : (
        <Text className="receipt-claim__line" id="receipt-amount">
          消费金额：¥{formatYuan(sale.amountFen)}
        </Text>
      )}
      {sale.occurredAt ? (
        <Text className="receipt-claim__line" id="receipt-time">
          消费时间：{formatShanghaiLocalTime(new Date(sale.occurredAt))}
        </Text>
      ) : null}
    </View>
  );
}
