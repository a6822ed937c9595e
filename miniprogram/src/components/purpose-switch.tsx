import { Switch, Text, View } from '@tarojs/components';

import type { NoticePurpose } from '../services/api-types';
import { fieldList, retentionText } from '../services/field-labels';
import './purpose-switch.scss';

interface PurposeSwitchProps {
  purpose: NoticePurpose;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** One purpose, what it collects and keeps for how long, and its own on/off (U-6.6.1b). */
export default function PurposeSwitch({ purpose, checked, onChange }: PurposeSwitchProps) {
  const basic = purpose.kind === 'basic';

  return (
    <View className="purpose" id={`purpose-${purpose.id}`}>
      <View className="row">
        <Text className="purpose__title">
          {purpose.title}
          <Text className={`badge ${basic ? 'badge--basic' : ''}`}>
            {basic ? '基本功能·必需' : '可选'}
          </Text>
        </Text>
        <Switch
          id={`purpose-${purpose.id}-switch`}
          className="purpose__switch"
          checked={checked}
          color="#b8322a"
          onChange={(event) => onChange(Boolean(event.detail.value))}
        />
      </View>
      <Text className="purpose__text">{purpose.description}</Text>
      <Text className="purpose__meta">
        收集：{fieldList(purpose.fields)}；{retentionText(purpose.retentionDays)}
      </Text>
      {basic ? (
        <Text className="purpose__meta purpose__meta--basic">
          开通会员必须同意此项；不同意无法成为会员。
        </Text>
      ) : null}
    </View>
  );
}
