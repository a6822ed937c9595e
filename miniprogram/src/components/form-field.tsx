import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

interface FormFieldProps {
  label: string;
  optional?: boolean;
  hint?: string;
}

export default function FormField({
  label,
  optional,
  hint,
  children,
}: PropsWithChildren<FormFieldProps>) {
  return (
    <View className="field">
      <Text className="field__label">
        {label}
        {optional ? <Text className="field__optional">（选填）</Text> : null}
      </Text>
      {children}
      {hint ? <Text className="field__hint">{hint}</Text> : null}
    </View>
  );
}
