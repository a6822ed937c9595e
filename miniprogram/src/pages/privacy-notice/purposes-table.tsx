import { Text, View } from '@tarojs/components';

import type { NoticePurpose } from '../../services/api-types';
import { fieldList, retentionText } from '../../services/field-labels';

/** Every purpose with what it collects and for how long (C-4.1.2a: scope and rules). */
export default function PurposesTable({ purposes }: { purposes: NoticePurpose[] }) {
  return (
    <View className="purposes-table" id="notice-purposes">
      <View className="purposes-table__row purposes-table__row--head">
        <Text className="purposes-table__cell purposes-table__cell--purpose">用途</Text>
        <Text className="purposes-table__cell purposes-table__cell--fields">收集的信息</Text>
        <Text className="purposes-table__cell purposes-table__cell--keep">保存期限</Text>
      </View>
      {purposes.map((purpose) => (
        <View className="purposes-table__row" key={purpose.id} id={`notice-purpose-${purpose.id}`}>
          <View className="purposes-table__cell purposes-table__cell--purpose">
            <Text className="purposes-table__title">{purpose.title}</Text>
            <Text
              className={`badge ${purpose.kind === 'basic' ? 'badge--basic' : ''} ${purpose.sensitive ? 'badge--sensitive' : ''}`}
            >
              {purpose.sensitive ? '敏感·单独同意' : purpose.kind === 'basic' ? '基本功能' : '可选'}
            </Text>
            <Text className="purposes-table__description">{purpose.description}</Text>
            {purpose.impact ? (
              <Text className="purposes-table__impact">{purpose.impact}</Text>
            ) : null}
          </View>
          <Text className="purposes-table__cell purposes-table__cell--fields">
            {fieldList(purpose.fields)}
          </Text>
          <Text className="purposes-table__cell purposes-table__cell--keep">
            {retentionText(purpose.retentionDays).replace('保存 ', '')}
          </Text>
        </View>
      ))}
    </View>
  );
}
