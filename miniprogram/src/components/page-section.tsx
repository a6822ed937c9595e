import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';

interface PageSectionProps {
  title: string;
  intro?: string;
  id?: string;
}

/** A white card with a title: the building block of every page. */
export default function PageSection({
  title,
  intro,
  id,
  children,
}: PropsWithChildren<PageSectionProps>) {
  return (
    <View className="section" id={id}>
      <Text className="section__title">{title}</Text>
      {intro ? <Text className="section__intro">{intro}</Text> : null}
      {children}
    </View>
  );
}
