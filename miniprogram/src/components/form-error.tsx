import { Text } from '@tarojs/components';

/** An inline error under a form, in Chinese; nothing when there is none. */
export default function FormError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;

  return (
    <Text className="form-error" id={id}>
      {message}
    </Text>
  );
}
