import { Button, Input, Text, View } from '@tarojs/components';

import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import PurposeSwitch from '../../components/purpose-switch';
import type { NoticePurpose } from '../../services/api-types';

interface SensitiveIdSectionProps {
  purpose: NoticePurpose;
  added: boolean;
  consented: boolean;
  residentId: string;
  onAddedChange: (added: boolean) => void;
  onConsentChange: (consented: boolean) => void;
  onResidentIdChange: (value: string) => void;
}

/**
 * C-4.1.2c: the ID number is asked on its own, only if the shopper chooses to add it, with why
 * it is needed and how it affects them, under its own consent switch.
 */
export default function SensitiveIdSection(props: SensitiveIdSectionProps) {
  const { purpose, added, consented, residentId } = props;

  if (!added)
    return (
      <PageSection title="身份证号（选填）" intro={purpose.description} id="signup-sensitive">
        <Button
          id="signup-add-resident-id"
          className="btn btn--plain btn--small"
          onClick={() => props.onAddedChange(true)}
        >
          添加身份证号
        </Button>
        <Text className="notice-line">不添加不影响会员服务。</Text>
      </PageSection>
    );

  return (
    <PageSection title="敏感个人信息：身份证号" id="signup-sensitive">
      <View className="sensitive-impact" id="signup-sensitive-impact">
        <Text>{purpose.impact}</Text>
      </View>
      <PurposeSwitch purpose={purpose} checked={consented} onChange={props.onConsentChange} />
      <FormField label="身份证号">
        <Input
          id="signup-resident-id"
          className="field__input"
          type="idcard"
          maxlength={18}
          value={residentId}
          disabled={!consented}
          placeholder={consented ? '请输入 18 位身份证号' : '请先单独同意上方授权'}
          onInput={(event) => props.onResidentIdChange(event.detail.value)}
        />
      </FormField>
      <Button
        id="signup-remove-resident-id"
        className="btn btn--plain btn--small"
        onClick={() => props.onAddedChange(false)}
      >
        不添加
      </Button>
    </PageSection>
  );
}
