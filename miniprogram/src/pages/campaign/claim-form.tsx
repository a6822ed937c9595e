import { Input, Picker, Text, View } from '@tarojs/components';

import FormField from '../../components/form-field';
import { GENDER_LABELS } from '../../services/field-labels';
import type { CampaignView } from '../scan/collection-api';

type Declared = CampaignView['collects'][number];

interface ClaimFormProps {
  collects: Declared[];
  values: Record<string, string>;
  onChange(field: string, value: string): void;
}

/**
 * Only the fields the campaign declared (C-4.1.3a), each with what it is for and why it is
 * asked (C-4.1.2a); optional ones, the phone always among them (C-4.2.2.3), say so.
 */
export default function ClaimForm({ collects, values, onChange }: ClaimFormProps) {
  return (
    <View id="campaign-collects">
      {collects.map((declared) => (
        <FormField
          key={declared.field}
          label={declared.label}
          optional={!declared.required}
          hint={`用途：${declared.purposeTitle}。${declared.why}`}
        >
          <FieldInput
            declared={declared}
            value={values[declared.field] ?? ''}
            onChange={onChange}
          />
        </FormField>
      ))}
    </View>
  );
}

function FieldInput({
  declared,
  value,
  onChange,
}: {
  declared: Declared;
  value: string;
  onChange(field: string, value: string): void;
}) {
  const id = `campaign-field-${declared.field.replace(/_/g, '-')}`;
  if (declared.field === 'gender')
    return (
      <View className="chips" id={id}>
        {(Object.keys(GENDER_LABELS) as Array<keyof typeof GENDER_LABELS>).map((gender) => (
          <Text
            key={gender}
            className={`chip ${value === gender ? 'chip--active' : ''}`}
            onClick={() => onChange('gender', gender)}
          >
            {GENDER_LABELS[gender]}
          </Text>
        ))}
      </View>
    );
  if (declared.field === 'birth_date')
    return (
      <Picker
        mode="date"
        value={value || '1990-01-01'}
        onChange={(event) => onChange('birth_date', String(event.detail.value))}
      >
        <Text id={id} className={`picker-value ${value ? '' : 'picker-value--empty'}`}>
          {value || '请选择'}
        </Text>
      </Picker>
    );

  return (
    <Input
      id={id}
      className="field__input"
      type={declared.field === 'phone' ? 'number' : 'text'}
      maxlength={declared.field === 'resident_id' ? 18 : 120}
      value={value}
      placeholder={declared.required ? '必填' : '选填'}
      onInput={(event) => onChange(declared.field, event.detail.value)}
    />
  );
}
