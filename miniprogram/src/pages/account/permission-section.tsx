import { Button, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';

import PageSection from '../../components/page-section';
import {
  DEVICE_PERMISSIONS,
  openPermissionSettings,
  readPermissionStates,
  type PermissionScope,
  type PermissionState,
} from '../../platform/permissions';
import { isWeapp } from '../../platform/runtime';

const STATE_LABELS: Readonly<Record<PermissionState, string>> = {
  granted: '已允许',
  denied: '已关闭',
  'not-asked': '未请求',
  browser: '由浏览器管理',
};

/** C-4.2.1.6: which device permissions are used for what, and where to turn them off. */
export default function PermissionSection() {
  const [states, setStates] = useState<Record<PermissionScope, PermissionState>>();

  useEffect(() => {
    readPermissionStates()
      .then(setStates)
      .catch(() => setStates(undefined));
  }, []);

  async function manage() {
    const updated = await openPermissionSettings();
    if (updated) setStates(updated);
  }

  return (
    <PageSection
      title="设备权限"
      intro="仅在使用对应功能时请求；关闭后立即停止相应收集，不影响此前已完成的操作。"
      id="account-permissions"
    >
      {DEVICE_PERMISSIONS.map((permission) => (
        <View className="field" key={permission.scope}>
          <View className="row">
            <Text>{permission.name}</Text>
            <Text className="notice-line">
              {states ? STATE_LABELS[states[permission.scope]] : ''}
            </Text>
          </View>
          <Text className="field__hint">{permission.usedFor}</Text>
        </View>
      ))}
      {isWeapp() ? (
        <Button className="btn btn--plain btn--small" onClick={manage}>
          管理权限
        </Button>
      ) : null}
    </PageSection>
  );
}
